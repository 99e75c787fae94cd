using EmailGuard.Gateway.Delivery;
using EmailGuard.Gateway.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace EmailGuard.Gateway.Tests.Delivery;

public class SmtpUpstreamConnectionReuseTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Sequential_messages_share_one_connection()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var upstream = new SmtpUpstream(UpstreamTestOptions.For(sink), TimeProvider.System, NullLoggerFactory.Instance);

        for (var i = 0; i < 10; i++)
        {
            await upstream.SendAsync("a@school.test", ["b@example.test"], Messages.Stream(Messages.Simple($"n{i}")), CancellationToken.None);
        }

        await sink.WaitForMessagesAsync(10, Patience);
        Assert.Multiple(() =>
        {
            Assert.That(sink.SessionCount, Is.EqualTo(1));
            Assert.That(sink.Messages.Select(m => m.SessionId).Distinct().Count(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Concurrent_messages_use_at_most_MaxConnections_connections()
    {
        await using var sink = await SmtpSink.StartAsync();
        var options = UpstreamTestOptions.For(sink);
        options.MaxConnections = 2;
        await using var upstream = new SmtpUpstream(options, TimeProvider.System, NullLoggerFactory.Instance);

        var sends = Enumerable.Range(0, 20).Select(i =>
            upstream.SendAsync("a@school.test", ["b@example.test"], Messages.Stream(Messages.Simple($"n{i}")), CancellationToken.None));
        var outcomes = await Task.WhenAll(sends);

        Assert.Multiple(() =>
        {
            Assert.That(outcomes.SelectMany(o => o.Recipients).Select(r => r.Status), Is.All.EqualTo(RecipientStatus.Delivered));
            Assert.That(sink.SessionCount, Is.InRange(1, 2));
        });
    }

    [Test]
    public async Task A_pooled_connection_the_relay_dropped_is_replaced_without_a_failed_try()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var upstream = new SmtpUpstream(UpstreamTestOptions.For(sink, maxAttempts: 1), TimeProvider.System, NullLoggerFactory.Instance);
        await upstream.SendAsync("a@school.test", ["b@example.test"], Messages.Stream(Messages.Simple("before")), CancellationToken.None);

        await sink.StopAsync(); // closes the pooled session from the relay's side
        await sink.RestartAsync();
        var outcome = await upstream.SendAsync("a@school.test", ["b@example.test"], Messages.Stream(Messages.Simple("after")), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Recipients.Single().Status, Is.EqualTo(RecipientStatus.Delivered), "one attempt only, so a stale connection would have failed");
            Assert.That(sink.SessionCount, Is.EqualTo(2));
        });
    }
}
