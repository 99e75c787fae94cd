using EmailGuard.Gateway.Delivery;
using EmailGuard.Gateway.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace EmailGuard.Gateway.Tests.Delivery;

public class SmtpUpstreamEnvelopeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Sender_and_every_recipient_arrive_in_order_with_duplicates_sent_once()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var upstream = new SmtpUpstream(UpstreamTestOptions.For(sink), TimeProvider.System, NullLoggerFactory.Instance);
        string[] recipients = ["zed@example.test", "amy@example.test", "amy@example.test", "head.teacher@school.test"];

        var outcome = await upstream.SendAsync("office@school.test", recipients, Messages.Stream(Messages.Simple()), CancellationToken.None);

        await sink.WaitForMessagesAsync(1, Patience);
        Assert.Multiple(() =>
        {
            Assert.That(sink.Messages[0].MailFrom, Is.EqualTo("office@school.test"));
            Assert.That(sink.Messages[0].Recipients, Is.EqualTo(recipients.Distinct()));
            Assert.That(outcome.Recipients.Select(r => r.Recipient), Is.EqualTo(recipients));
            Assert.That(outcome.Recipients.Select(r => r.Status), Is.All.EqualTo(RecipientStatus.Delivered));
        });
    }

    [Test]
    public async Task Null_sender_is_relayed_as_empty_reverse_path()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var upstream = new SmtpUpstream(UpstreamTestOptions.For(sink), TimeProvider.System, NullLoggerFactory.Instance);

        var outcome = await upstream.SendAsync(string.Empty, ["parent@example.test"], Messages.Stream(Messages.Simple("bounce")), CancellationToken.None);

        await sink.WaitForMessagesAsync(1, Patience);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Recipients.Single().Status, Is.EqualTo(RecipientStatus.Delivered));
            Assert.That(sink.Messages[0].MailFrom, Is.Empty);
        });
    }

    [Test]
    public async Task Unparseable_recipient_fails_without_blocking_the_others()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var upstream = new SmtpUpstream(UpstreamTestOptions.For(sink), TimeProvider.System, NullLoggerFactory.Instance);

        var outcome = await upstream.SendAsync("a@school.test", ["john doe@example.test", "ok@example.test"], Messages.Stream(Messages.Simple()), CancellationToken.None);

        await sink.WaitForMessagesAsync(1, Patience);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Recipients[0].Status, Is.EqualTo(RecipientStatus.Failed));
            Assert.That(outcome.Recipients[0].Reply, Does.StartWith("501"));
            Assert.That(outcome.Recipients[1].Status, Is.EqualTo(RecipientStatus.Delivered));
            Assert.That(sink.Messages[0].Recipients, Is.EqualTo(new[] { "ok@example.test" }));
        });
    }
}
