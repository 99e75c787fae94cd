using EmailGuard.Cli;
using EmailGuard.Gateway.Actions;
using EmailGuard.Gateway.Spool;
using EmailGuard.Gateway.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static EmailGuard.Gateway.Tests.Support.GatewayMail;

namespace EmailGuard.Gateway.Tests.Actions;

/// <summary>
/// Retention: a held message nobody reviews is removed after Retention and its sender told, on a fake clock. The
/// retention is hours, not the default 30 days: advancing a FakeTimeProvider fires every periodic timer of the host
/// once per period (the policy file poll every few seconds), so days of fake time cost real seconds.
/// </summary>
[TestFixture]
public sealed class QuarantineExpiryTests
{
    [Test]
    public async Task Held_message_expires_after_the_retention_notifies_the_sender_and_is_removed()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var sink = await SmtpSink.StartAsync();
        var settings = Upstream(sink);
        settings["EmailGuard:Quarantine:Retention"] = "02:00:00";
        settings["EmailGuard:Quarantine:ExpiryCheckInterval"] = "00:10:00";
        await using var gateway = await TestGateway.StartAsync(settings, policyJson: PolicyJson(monitor: false),
            configure: s => s.AddSingleton<TimeProvider>(clock));
        var expiry = gateway.Service<QuarantineExpiry>();
        var id = await SendHeldAsync(gateway, "staff@trust.test", ["zoe.home@example.com"], PupilContact());
        await sink.WaitForMessagesAsync(1, Patience);

        var sweeps = expiry.Sweeps;
        clock.Advance(TimeSpan.FromMinutes(110));
        await EventuallyAsync(() => expiry.Sweeps > sweeps, "a sweep ran at 110 minutes");
        Assert.That(gateway.Spool.List(SpoolArea.Hold), Is.EqualTo(new[] { id }), "still inside the 2-hour retention");

        clock.Advance(TimeSpan.FromMinutes(10));
        await sink.WaitForMessagesAsync(2, Patience);
        var notice = Parse(sink.Messages[1]);
        Assert.That(sink.Messages[1].Recipients, Is.EqualTo(new[] { "staff@trust.test" }));
        Assert.That(notice.Subject, Does.Contain(id).And.Contain("expired"));
        Assert.That(notice.TextBody, Does.Contain("nobody released it within 2 hours").And.Contain("pupil-contact"));
        Assert.That(Directory.GetFiles(Path.Combine(gateway.DataDirectory, "spool", "hold")), Is.Empty);

        using var audit = new StringWriter();
        AuditCommand.Run(["--config", gateway.ConfigDirectory, "--id", id], audit, TextWriter.Null);
        Assert.That(audit.ToString(), Does.Contain($"expire   {id}  by emailguard (retention)").And.Contain("1 audit entry"));
    }
}
