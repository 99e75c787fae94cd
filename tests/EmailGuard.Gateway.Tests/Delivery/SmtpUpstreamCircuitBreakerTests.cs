using EmailGuard.Gateway.Delivery;
using EmailGuard.Gateway.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EmailGuard.Gateway.Tests.Delivery;

public class SmtpUpstreamCircuitBreakerTests
{
    [Test]
    public async Task Upstream_down_defers_every_recipient_without_throwing()
    {
        await using var sink = await SmtpSink.StartAsync();
        await sink.StopAsync();
        await using var upstream = new SmtpUpstream(UpstreamTestOptions.For(sink), TimeProvider.System, NullLoggerFactory.Instance);

        var outcome = await upstream.SendAsync("a@school.test", ["b@example.test", "c@example.test"], Messages.Stream(Messages.Simple()), CancellationToken.None);

        Assert.That(outcome.Recipients.Select(r => r.Status), Is.All.EqualTo(RecipientStatus.Deferred));
    }

    [Test]
    public async Task Circuit_opens_while_upstream_is_down_and_closes_once_it_is_back()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-25T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var sink = await SmtpSink.StartAsync();
        await sink.StopAsync();
        var options = UpstreamTestOptions.For(sink);
        options.CircuitBreaker.MinimumThroughput = 2;
        options.CircuitBreaker.FailureRatio = 0.5;
        options.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(30);
        await using var upstream = new SmtpUpstream(options, time, NullLoggerFactory.Instance);

        var whileDown = await upstream.SendAsync("a@school.test", ["b@example.test"], Messages.Stream(Messages.Simple()), CancellationToken.None);
        Assert.That(upstream.IsCircuitOpen, Is.True);

        await sink.RestartAsync();
        var whileOpen = await upstream.SendAsync("a@school.test", ["b@example.test"], Messages.Stream(Messages.Simple()), CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(whileDown.Recipients.Single().Status, Is.EqualTo(RecipientStatus.Deferred));
            Assert.That(whileOpen.Recipients.Single().Status, Is.EqualTo(RecipientStatus.Deferred));
            Assert.That(whileOpen.Recipients.Single().Reply, Is.EqualTo("upstream unavailable (circuit open)"));
            Assert.That(sink.SessionCount, Is.Zero, "an open circuit does not even connect");
        });

        time.Advance(options.CircuitBreaker.BreakDuration);
        var afterBreak = await upstream.SendAsync("a@school.test", ["b@example.test"], Messages.Stream(Messages.Simple()), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(afterBreak.Recipients.Single().Status, Is.EqualTo(RecipientStatus.Delivered));
            Assert.That(upstream.IsCircuitOpen, Is.False);
            Assert.That(sink.Messages, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Permanent_refusals_do_not_open_the_circuit()
    {
        await using var sink = await SmtpSink.StartAsync();
        sink.DataRule = _ => new SmtpServer.Protocol.SmtpResponse(SmtpServer.Protocol.SmtpReplyCode.TransactionFailed, "5.7.0 no");
        var options = UpstreamTestOptions.For(sink);
        options.CircuitBreaker.MinimumThroughput = 2;
        await using var upstream = new SmtpUpstream(options, TimeProvider.System, NullLoggerFactory.Instance);

        for (var i = 0; i < 4; i++)
        {
            await upstream.SendAsync("a@school.test", ["b@example.test"], Messages.Stream(Messages.Simple()), CancellationToken.None);
        }

        Assert.That(upstream.IsCircuitOpen, Is.False);
    }
}
