using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using EmailGuard.Gateway.Spool;
using EmailGuard.Gateway.Tests.Support;
using static EmailGuard.Gateway.Tests.Support.GatewayMail;

namespace EmailGuard.Gateway.Tests.Actions;

/// <summary>Occasional monitoring (policy 7.2): the copy goes to the exercise's reviewer, and only they learn of it.</summary>
[TestFixture]
public sealed class OccasionalMonitoringCopyTests
{
    private static string Policy()
    {
        static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var now = DateTimeOffset.UtcNow;
        return $$"""
            "Policy": { "TrustDomains": ["trust.test"], "PupilDomains": ["pupils.trust.test"], "ApprovedAccounts": ["staff@trust.test", "office@trust.test"],
                        "MonitorAddresses": ["esafety@trust.test"],
                        "OccasionalMonitoring": [ { "Employee": "staff@trust.test", "Start": "{{Iso(now.AddDays(-1))}}", "End": "{{Iso(now.AddDays(1))}}",
                                                    "PiaReference": "PIA-7", "AuthorisedBy": "CEO", "Reviewer": "hr@trust.test" } ] }
            """;
    }

    private static async Task<List<SinkMessage>> SendAndCollect(string body, int expected)
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var gateway = await TestGateway.StartAsync(Upstream(sink), policyJson: Policy());
        var message = $"From: Sam Staff <staff@trust.test>\r\nTo: parent@example.org\r\nSubject: Trip\r\nMessage-ID: <om@trust.test>\r\n\r\n{body}\r\n";
        var reply = await SendAsync(gateway, "staff@trust.test", ["parent@example.org"], message);
        Assert.That(reply, Does.StartWith("250"));
        await sink.WaitForMessagesAsync(expected, Patience);
        await EventuallyAsync(() => gateway.Spool.List(SpoolArea.Queue).Count == 0, "everything delivered");
        return [.. sink.Messages];
    }

    [Test]
    public async Task Copy_goes_to_the_reviewer_only_and_the_monitor_hears_nothing()
    {
        var messages = await SendAndCollect("Coach leaves at 9.", expected: 2);

        Assert.That(messages, Has.Count.EqualTo(2), "the original and the reviewer's copy");
        var report = messages.Single(m => m.MailFrom.Length == 0);
        Assert.That(report.Recipients, Is.EqualTo(new[] { "hr@trust.test" }));
        Assert.That(Parse(report).TextBody, Does.Contain("occasional-monitoring").And.Contain("PIA-7"));
    }

    [Test]
    public async Task The_exercise_is_audited_and_invisible_in_the_spool_and_logs()
    {
        await using var sink = await SmtpSink.StartAsync();
        sink.RecipientRule = a => a.StartsWith("parent", StringComparison.Ordinal) ? new SmtpServer.Protocol.SmtpResponse((SmtpServer.Protocol.SmtpReplyCode)451, "4.3.0 later") : null;
        var logs = new CapturingLoggerProvider();
        await using var gateway = await TestGateway.StartAsync(Upstream(sink), policyJson: Policy(), configure: s => s.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(logs));
        var message = "From: Sam Staff <staff@trust.test>\r\nTo: parent@example.org\r\nSubject: Trip\r\nMessage-ID: <om2@trust.test>\r\n\r\nHi\r\n";
        var id = (await SendAsync(gateway, "staff@trust.test", ["parent@example.org"], message)).Split(' ')[^1];
        await sink.WaitForMessagesAsync(1, Patience);

        // The original is deferred (451), so it waits in the queue where `queue show` could reveal the exercise.
        var stored = gateway.Spool.ReadEnvelope(SpoolArea.Queue, id);
        Assert.That(stored, Is.Not.Null);
        Assert.That(stored!.Findings, Is.Empty);
        Assert.That(stored.Action, Is.EqualTo(EmailGuard.Policy.RuleAction.Forward));
        Assert.That(logs.Messages, Has.None.Contains("occasional-monitoring"));
        var audit = new EmailGuard.Gateway.Actions.AuditLog(gateway.DataDirectory).Read().ToList();
        Assert.That(audit.Single().Action, Is.EqualTo("monitoring-copy"));
        Assert.That(audit.Single().Id, Is.EqualTo(id));
    }

    [Test]
    public async Task With_a_safety_concern_too_each_recipient_sees_only_their_own_finding()
    {
        var messages = await SendAndCollect("He told me: I want to kill myself.", expected: 3);

        var reports = messages.Where(m => m.MailFrom.Length == 0).ToDictionary(m => m.Recipients.Single(), m => Parse(m));
        Assert.That(reports.Keys, Is.EquivalentTo(new[] { "esafety@trust.test", "hr@trust.test" }));
        Assert.That(reports["esafety@trust.test"].TextBody, Does.Contain("safety-concern").And.Not.Contain("occasional").And.Not.Contain("PIA-7"));
        Assert.That(reports["esafety@trust.test"].Subject, Does.Not.Contain("occasional"));
        Assert.That(reports["hr@trust.test"].TextBody, Does.Contain("occasional-monitoring").And.Not.Contain("safety-concern"));
    }
}
