using EmailGuard.Gateway.Delivery;
using EmailGuard.Gateway.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace EmailGuard.Gateway.Tests.Delivery;

public class SmtpUpstreamRecipientResultTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Recipient_refused_with_5xx_fails_with_the_reply_and_the_other_is_delivered()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var upstream = new SmtpUpstream(UpstreamTestOptions.For(sink), TimeProvider.System, NullLoggerFactory.Instance);

        var outcome = await upstream.SendAsync("a@school.test", ["reject.me@example.test", "parent@example.test"], Messages.Stream(Messages.Simple()), CancellationToken.None);

        await sink.WaitForMessagesAsync(1, Patience);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Recipients[0].Status, Is.EqualTo(RecipientStatus.Failed));
            Assert.That(outcome.Recipients[0].Reply, Does.StartWith("550 5.1.1 no such mailbox"));
            Assert.That(outcome.Recipients[1].Status, Is.EqualTo(RecipientStatus.Delivered));
            Assert.That(outcome.Recipients[1].Reply, Does.StartWith("250"));
            Assert.That(sink.Messages[0].Recipients, Is.EqualTo(new[] { "parent@example.test" }));
        });
    }

    [Test]
    public async Task Recipient_refused_with_4xx_is_deferred_with_the_reply()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var upstream = new SmtpUpstream(UpstreamTestOptions.For(sink), TimeProvider.System, NullLoggerFactory.Instance);

        var outcome = await upstream.SendAsync("a@school.test", ["parent@example.test", "defer.me@example.test"], Messages.Stream(Messages.Simple()), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Recipients[0].Status, Is.EqualTo(RecipientStatus.Delivered));
            Assert.That(outcome.Recipients[1].Status, Is.EqualTo(RecipientStatus.Deferred));
            Assert.That(outcome.Recipients[1].Reply, Does.StartWith("451 4.3.0 try again later"));
        });
    }

    [Test]
    public async Task Every_recipient_refused_gives_each_its_own_result_and_nothing_is_sent()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var upstream = new SmtpUpstream(UpstreamTestOptions.For(sink), TimeProvider.System, NullLoggerFactory.Instance);

        var outcome = await upstream.SendAsync("a@school.test", ["reject@example.test", "defer@example.test"], Messages.Stream(Messages.Simple()), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Recipients.Select(r => r.Status), Is.EqualTo(new[] { RecipientStatus.Failed, RecipientStatus.Deferred }));
            Assert.That(sink.Messages, Is.Empty);
            Assert.That(sink.MailFromCount, Is.EqualTo(1), "a per-recipient refusal is not retried");
        });
    }
}
