using System.Text;
using EmailGuard.Gateway.Spool;
using EmailGuard.Gateway.Tests.Support;
using MimeKit;
using static EmailGuard.Gateway.Tests.Support.GatewayMail;

namespace EmailGuard.Gateway.Tests.Actions;

/// <summary>E-safety copies (policy 7.2.1): the report reaches each monitor with the original attached byte for byte.</summary>
[TestFixture]
public sealed class MonitorCopyTests
{
    private const string MonitorExposed = """{ "exposed-recipients": { "Action": "monitor" } }""";

    /// <summary>The bytes between the attachment's header block and the closing boundary, exactly as on the wire.</summary>
    private static byte[] Attached(SinkMessage report)
    {
        var boundary = ((Multipart)Parse(report).Body!).Boundary;
        var text = Encoding.Latin1.GetString(report.Data);
        var part = text.IndexOf("Content-Type: message/rfc822", StringComparison.Ordinal);
        Assert.That(part, Is.GreaterThan(0), "a message/rfc822 part");
        var start = text.IndexOf("\r\n\r\n", part, StringComparison.Ordinal) + 4;
        var end = text.IndexOf("\r\n--" + boundary, start, StringComparison.Ordinal);
        return report.Data[start..end];
    }

    [Test]
    public async Task Monitored_message_is_delivered_and_each_monitor_gets_a_report_with_the_original_byte_identical()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var gateway = await TestGateway.StartAsync(Upstream(sink), policyJson: PolicyJson(MonitorExposed));
        var (message, to) = Exposed();
        // Things a re-serialising MIME library would touch: trailing spaces, a tab, a long folded header, a dot line.
        message = message.Replace("Subject: Trip\r\n", "Subject: Trip   \r\nX-Long: " + new string('a', 200) + "\r\n\tcontinued\r\n", StringComparison.Ordinal)
            + "trailing spaces   \r\n\tindented\r\n";
        var reply = await SendAsync(gateway, "staff@trust.test", to, message);
        Assert.That(reply, Does.StartWith("250").And.Contain("queued as"));
        var id = reply.Split(' ')[^1];

        await sink.WaitForMessagesAsync(2, Patience);
        await EventuallyAsync(() => gateway.Spool.List(SpoolArea.Queue).Count == 0, "everything delivered");
        Assert.That(sink.Messages, Has.Count.EqualTo(2), "the original and one report; no notice for a monitored message");
        var original = sink.Messages.Single(m => m.MailFrom == "staff@trust.test");
        Assert.That(original.Recipients, Is.EqualTo(to));
        var report = sink.Messages.Single(m => m.MailFrom.Length == 0);
        Assert.That(report.Recipients, Is.EqualTo(new[] { "esafety@trust.test" }));

        var attached = Attached(report);
        Assert.That(attached, Is.EqualTo(original.Data), "the attachment is what the recipients got, byte for byte");
        Assert.That(Encoding.ASCII.GetString(attached), Does.EndWith(message));

        var parsed = Parse(report);
        Assert.That(parsed.Subject, Does.Contain(id).And.Contain("exposed-recipients"));
        Assert.That(parsed.Headers["Auto-Submitted"], Is.EqualTo("auto-generated"));
        Assert.That(parsed.TextBody, Does.Contain("delivered to the recipients as addressed")
            .And.Contain("exposed-recipients (policy 5, 4.2)")
            .And.Contain("staff@trust.test")
            .And.Contain(id));
    }

    [Test]
    public async Task Held_message_is_copied_to_the_monitor_and_noticed_to_the_sender()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var gateway = await TestGateway.StartAsync(Upstream(sink), policyJson: PolicyJson());
        var id = await SendHeldAsync(gateway, "staff@trust.test", ["zoe.home@example.com"], PupilContact());

        await sink.WaitForMessagesAsync(2, Patience);
        var report = sink.Messages.Single(m => m.Recipients[0] == "esafety@trust.test");
        Assert.That(Parse(report).TextBody, Does.Contain("held in quarantine"));
        using var spooled = gateway.Spool.Open(SpoolArea.Hold, id)!;
        using var bytes = new MemoryStream();
        await spooled.Content.CopyToAsync(bytes);
        Assert.That(Attached(report), Is.EqualTo(bytes.ToArray()), "the copy is the held message as it would be delivered");
        Assert.That(sink.Messages.Single(m => m.Recipients[0] == "staff@trust.test").MailFrom, Is.Empty);
    }

    [Test]
    public async Task A_spool_failure_after_the_verdict_still_leaves_the_monitor_report_queued()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var gateway = await TestGateway.StartAsync(Upstream(sink), policyJson: PolicyJson());
        // The held original cannot be committed (its area is gone): the client is told 451 and will send again.
        Directory.Delete(Path.Combine(gateway.DataDirectory, "spool", "hold"));

        var reply = await SendAsync(gateway, "staff@trust.test", ["zoe.home@example.com"], PupilContact());

        Assert.That(reply, Does.StartWith("451"));
        // The report was spooled before the original, so this failure (or a crash in its place) cannot lose it.
        await sink.WaitForMessagesAsync(1, Patience);
        Assert.That(sink.Messages.Select(m => m.Recipients[0]), Does.Contain("esafety@trust.test"));
    }

    [Test]
    public async Task Held_message_is_not_copied_when_CopyHeldToMonitor_is_off()
    {
        await using var sink = await SmtpSink.StartAsync();
        var settings = Upstream(sink);
        settings["EmailGuard:Quarantine:CopyHeldToMonitor"] = "false";
        await using var gateway = await TestGateway.StartAsync(settings, policyJson: PolicyJson());
        await SendHeldAsync(gateway, "staff@trust.test", ["zoe.home@example.com"], PupilContact());
        await sink.WaitForMessagesAsync(1, Patience);
        await EventuallyAsync(() => gateway.Spool.List(SpoolArea.Queue).Count == 0, "everything queued is delivered");
        Assert.That(sink.Messages.Single().Recipients, Is.EqualTo(new[] { "staff@trust.test" }), "only the sender's notice");
    }

    [Test]
    public async Task Message_refused_at_SMTP_time_still_reaches_the_monitor_when_a_finding_says_monitor_but_the_sender_gets_no_notice()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var gateway = await TestGateway.StartAsync(Upstream(sink), policyJson: PolicyJson(MonitorExposed));
        var (message, to) = Exposed(from: "stranger@example.net");
        var reply = await SendAsync(gateway, "stranger@example.net", to, message);
        Assert.That(reply, Does.StartWith("550").And.Contain("unapproved-account"));

        await sink.WaitForMessagesAsync(1, Patience);
        await EventuallyAsync(() => gateway.Spool.List(SpoolArea.Queue).Count == 0, "the copy is delivered");
        var report = sink.Messages.Single();
        Assert.That(report.Recipients, Is.EqualTo(new[] { "esafety@trust.test" }));
        Assert.That(Parse(report).TextBody, Does.Contain("refused at the SMTP stage"));
        Assert.That(Encoding.ASCII.GetString(Attached(report)), Is.EqualTo(message), "never spooled, so exactly the bytes the client sent");
    }
}
