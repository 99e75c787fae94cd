using EmailGuard.Gateway.Delivery;
using EmailGuard.Gateway.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace EmailGuard.Gateway.Tests.Delivery;

public class SmtpUpstreamCancellationTests
{
    [Test]
    public async Task Cancellation_is_the_only_exception_SendAsync_lets_out()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var upstream = new SmtpUpstream(UpstreamTestOptions.For(sink), TimeProvider.System, NullLoggerFactory.Instance);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        Assert.That(
            async () => await upstream.SendAsync("a@school.test", ["b@example.test"], Messages.Stream(Messages.Simple()), cancelled.Token),
            Throws.InstanceOf<OperationCanceledException>());
        Assert.That(sink.Messages, Is.Empty);
    }

    [Test]
    public async Task Cancelling_while_the_relay_stalls_gives_up_the_send()
    {
        await using var sink = await SmtpSink.StartAsync();
        using var stall = new ManualResetEventSlim();
        sink.SenderRule = _ =>
        {
            stall.Wait(TimeSpan.FromSeconds(30));
            return null;
        };
        await using var upstream = new SmtpUpstream(UpstreamTestOptions.For(sink), TimeProvider.System, NullLoggerFactory.Instance);
        using var cancellation = new CancellationTokenSource();

        var send = upstream.SendAsync("a@school.test", ["b@example.test"], Messages.Stream(Messages.Simple()), cancellation.Token);
        await cancellation.CancelAsync();

        Assert.That(async () => await send, Throws.InstanceOf<OperationCanceledException>());
        stall.Set();
    }
}
