using EmailGuard.Gateway.Delivery;
using EmailGuard.Gateway.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using SmtpServer.Protocol;

namespace EmailGuard.Gateway.Tests.Delivery;

public class SmtpUpstreamPermanentFailureTests
{
    [Test]
    public async Task Sender_refused_with_5xx_fails_every_recipient_and_is_not_retried()
    {
        await using var sink = await SmtpSink.StartAsync();
        sink.SenderRule = _ => new SmtpResponse(SmtpReplyCode.MailboxUnavailable, "5.7.1 sender not allowed");
        await using var upstream = new SmtpUpstream(UpstreamTestOptions.For(sink), TimeProvider.System, NullLoggerFactory.Instance);

        var outcome = await upstream.SendAsync("a@school.test", ["b@example.test", "c@example.test"], Messages.Stream(Messages.Simple()), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Recipients.Select(r => r.Status), Is.All.EqualTo(RecipientStatus.Failed));
            Assert.That(outcome.Recipients[0].Reply, Does.StartWith("550 5.7.1 sender not allowed"));
            Assert.That(sink.MailFromCount, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Message_refused_with_5xx_after_DATA_fails_and_is_not_retried()
    {
        await using var sink = await SmtpSink.StartAsync();
        sink.DataRule = _ => new SmtpResponse(SmtpReplyCode.TransactionFailed, "5.7.0 content rejected");
        await using var upstream = new SmtpUpstream(UpstreamTestOptions.For(sink), TimeProvider.System, NullLoggerFactory.Instance);

        var outcome = await upstream.SendAsync("a@school.test", ["b@example.test", "reject@example.test"], Messages.Stream(Messages.Simple()), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Recipients[0].Status, Is.EqualTo(RecipientStatus.Failed));
            Assert.That(outcome.Recipients[0].Reply, Is.EqualTo("554 5.7.0 content rejected"));
            Assert.That(outcome.Recipients[1].Reply, Does.StartWith("550 5.1.1"), "a refused RCPT keeps its own reply");
            Assert.That(sink.MailFromCount, Is.EqualTo(1));
            Assert.That(sink.RefusedDataCount, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Message_refused_with_4xx_after_DATA_is_retried_then_deferred()
    {
        await using var sink = await SmtpSink.StartAsync();
        sink.DataRule = _ => new SmtpResponse(SmtpReplyCode.ServiceUnavailable, "4.3.2 busy");
        await using var upstream = new SmtpUpstream(UpstreamTestOptions.For(sink, maxAttempts: 3), TimeProvider.System, NullLoggerFactory.Instance);

        var outcome = await upstream.SendAsync("a@school.test", ["b@example.test"], Messages.Stream(Messages.Simple()), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Recipients.Single().Status, Is.EqualTo(RecipientStatus.Deferred));
            Assert.That(outcome.Recipients.Single().Reply, Is.EqualTo("421 4.3.2 busy"));
            Assert.That(sink.RefusedDataCount, Is.EqualTo(3));
        });
    }

    [Test]
    public async Task Transient_failure_then_success_delivers_on_the_retry()
    {
        await using var sink = await SmtpSink.StartAsync();
        var refusals = 1;
        sink.DataRule = _ => Interlocked.Decrement(ref refusals) >= 0 ? new SmtpResponse(SmtpReplyCode.ServiceUnavailable, "4.3.2 busy") : null;
        await using var upstream = new SmtpUpstream(UpstreamTestOptions.For(sink), TimeProvider.System, NullLoggerFactory.Instance);

        var outcome = await upstream.SendAsync("a@school.test", ["b@example.test"], Messages.Stream(Messages.Simple()), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Recipients.Single().Status, Is.EqualTo(RecipientStatus.Delivered));
            Assert.That(sink.Messages, Has.Count.EqualTo(1));
            Assert.That(sink.MailFromCount, Is.EqualTo(2));
        });
    }
}
