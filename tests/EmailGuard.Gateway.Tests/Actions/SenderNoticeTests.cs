using System.Text;
using EmailGuard.Gateway.Spool;
using EmailGuard.Gateway.Tests.Support;
using MimeKit;
using static EmailGuard.Gateway.Tests.Support.GatewayMail;

namespace EmailGuard.Gateway.Tests.Actions;

/// <summary>Notices to senders of held mail: who gets one, what it says, and that nothing in the original can add a header.</summary>
[TestFixture]
public sealed class SenderNoticeTests
{
    private static readonly string[] NoticeHeaders = ["Auto-Submitted", "Content-Type", "Date", "From", "MIME-Version", "Message-Id", "Subject", "To"];

    [Test]
    public async Task Held_notice_reaches_a_Trust_sender_naming_rule_clause_evidence_and_what_to_do()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var gateway = await TestGateway.StartAsync(Upstream(sink), policyJson: PolicyJson(monitor: false));
        var id = await SendHeldAsync(gateway, "staff@trust.test", ["zoe.home@example.com"], PupilContact("Homework <b>now</b> & later"));

        await sink.WaitForMessagesAsync(1, Patience);
        var got = sink.Messages.Single();
        Assert.That(got.MailFrom, Is.Empty, "from the null sender, so it can never bounce in a loop");
        Assert.That(got.Recipients, Is.EqualTo(new[] { "staff@trust.test" }));
        var notice = Parse(got);
        Assert.That(notice.From.Mailboxes.Single().Address, Is.EqualTo("postmaster@trust.test"));
        Assert.That(notice.Headers["Auto-Submitted"], Is.EqualTo("auto-replied"));
        Assert.That(notice.Body!.ContentType.MimeType, Is.EqualTo("multipart/alternative"));
        Assert.That(notice.Subject, Does.Contain(id).And.Contain("Held"));
        Assert.That(notice.TextBody, Does.Contain("pupil-contact (policy 4.4, 6.2, 6.8)")
            .And.Contain("zoe.home@example.com is the personal (non-Trust) address")
            .And.Contain("learning platform")
            .And.Contain("ask the school office to release it")
            .And.Contain("Homework <b>now</b> & later"));
        Assert.That(notice.HtmlBody, Does.Contain("Homework &lt;b&gt;now&lt;/b&gt; &amp; later").And.Not.Contain("<b>now"));
        Assert.That(notice.HtmlBody, Does.Contain("pupil-contact (policy 4.4, 6.2, 6.8)"));
    }

    [Test]
    public async Task Reworded_templates_apply_to_the_next_notice_without_a_restart()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var gateway = await TestGateway.StartAsync(Upstream(sink), policyJson: PolicyJson(monitor: false));
        await SendHeldAsync(gateway, "staff@trust.test", ["zoe.home@example.com"], PupilContact("First"));
        await sink.WaitForMessagesAsync(1, Patience);

        Directory.CreateDirectory(Path.Combine(gateway.ConfigDirectory, "templates"));
        await File.WriteAllTextAsync(Path.Combine(gateway.ConfigDirectory, "templates", "next-pupil-contact.txt"), "Use Satchel One for homework, as the head of year asked.");
        await SendHeldAsync(gateway, "staff@trust.test", ["zoe.home@example.com"], PupilContact("Second"));
        await sink.WaitForMessagesAsync(2, Patience);

        var notices = sink.Messages.Select(Parse).ToDictionary(m => m.TextBody!.Contains("First", StringComparison.Ordinal) ? "first" : "second");
        Assert.That(notices["first"].TextBody, Does.Contain("learning platform").And.Not.Contain("Satchel One"));
        Assert.That(notices["second"].TextBody, Does.Contain("Use Satchel One for homework"));
    }

    [TestCase("partner@example.org")]
    [TestCase("")]
    public async Task No_notice_for_a_sender_outside_the_Trust_or_the_null_sender(string sender)
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var gateway = await TestGateway.StartAsync(Upstream(sink), policyJson: PolicyJson("""{ "unapproved-account": { "Enabled": false } }""", monitor: false));
        var (message, to) = Exposed(from: sender.Length == 0 ? "staff@trust.test" : sender);
        var id = await SendHeldAsync(gateway, sender, to, message);

        // Notices are spooled before the 250 is sent: none queued and none delivered means none was made.
        Assert.That(gateway.Spool.List(SpoolArea.Hold), Is.EqualTo(new[] { id }));
        Assert.That(gateway.Spool.List(SpoolArea.Queue), Is.Empty);
        Assert.That(sink.Messages, Is.Empty);
    }

    [TestCase("=?utf-8?q?x=0D=0ABcc:_evil@example.org?=")]
    [TestCase("=?utf-8?b?eA0KQmNjOiBldmlsQGV4YW1wbGUub3Jn?=")]
    [TestCase("folded\r\n Bcc: evil@example.org")]
    [TestCase("x\r\n\tTo: evil@example.org")]
    public async Task Header_injection_in_the_original_adds_no_header_to_the_notice_or_the_monitor_copy(string subject)
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var gateway = await TestGateway.StartAsync(Upstream(sink), policyJson: PolicyJson());
        var message = $"From: =?utf-8?q?Sam=0D=0ABcc:_evil@example.org?= <staff@trust.test>\r\nTo: \"Zoe\r\n Bcc: evil@example.org\" <zoe.home@example.com>\r\nSubject: {subject}\r\n\r\nHello.\r\n";
        await SendHeldAsync(gateway, "staff@trust.test", ["zoe.home@example.com"], message);

        await sink.WaitForMessagesAsync(2, Patience);
        foreach (var sent in sink.Messages)
        {
            var text = Encoding.UTF8.GetString(sent.Data);
            var headerBlock = text[..text.IndexOf("\r\n\r\n", StringComparison.Ordinal)];
            var names = headerBlock.Split("\r\n").Where(l => l.Length > 0 && l[0] is not (' ' or '\t')).Select(l => l[..l.IndexOf(':', StringComparison.Ordinal)]).Order(StringComparer.Ordinal);
            Assert.That(names, Is.EqualTo(NoticeHeaders), headerBlock);
            Assert.That(headerBlock, Does.Not.Contain("evil"));
            Assert.That(sent.Recipients, Is.EqualTo(new[] { sent.Recipients[0] }).And.Not.Contain("evil@example.org"));
        }
        Assert.That(sink.Messages.Select(m => m.Recipients[0]).Order(), Is.EqualTo(new[] { "esafety@trust.test", "staff@trust.test" }));
    }

    [Test]
    public async Task Held_notice_names_only_what_held_it_while_the_monitor_sees_every_flag()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var gateway = await TestGateway.StartAsync(Upstream(sink), policyJson: PolicyJson("""{ "exposed-recipients": { "Action": "monitor" } }"""));
        var (message, to) = Exposed();
        message = message.Replace("To: ", "To: zoe.home@example.com, ", StringComparison.Ordinal);
        await SendHeldAsync(gateway, "staff@trust.test", ["zoe.home@example.com", .. to], message);

        await sink.WaitForMessagesAsync(2, Patience);
        var notice = Parse(sink.Messages.Single(m => m.Recipients[0] == "staff@trust.test"));
        Assert.That(notice.TextBody, Does.Contain("pupil-contact").And.Not.Contain("exposed-recipients"));
        Assert.That(notice.HtmlBody, Does.Not.Contain("exposed-recipients"));
        var report = Parse(sink.Messages.Single(m => m.Recipients[0] == "esafety@trust.test"));
        Assert.That(report.TextBody, Does.Contain("pupil-contact").And.Contain("exposed-recipients"));
    }
}
