using EmailGuard.Gateway.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static EmailGuard.Gateway.Tests.Support.GatewayMail;

namespace EmailGuard.Gateway.Tests.Actions;

/// <summary>Policy 5 and 7.1: what the service logs while holding, noticing, copying and expiring is ids, rule ids and counts.</summary>
[TestFixture]
public sealed class PrivacyTests
{
    [Test]
    public async Task Logs_of_a_held_noticed_and_copied_message_carry_no_address_subject_or_evidence()
    {
        var logs = new CapturingLoggerProvider();
        await using var sink = await SmtpSink.StartAsync();
        var settings = Upstream(sink);
        settings["Logging:LogLevel:Default"] = "Information";
        await using var gateway = await TestGateway.StartAsync(settings, policyJson: PolicyJson(),
            configure: s => s.AddSingleton<ILoggerProvider>(logs));
        var id = await SendHeldAsync(gateway, "staff@trust.test", ["zoe.home@example.com"], PupilContact("Detention letter"));
        await sink.WaitForMessagesAsync(2, Patience);
        await EventuallyAsync(() => gateway.Spool.List(EmailGuard.Gateway.Spool.SpoolArea.Queue).Count == 0, "notice and copy delivered");

        Assert.That(logs.Messages, Has.Some.Contains(id), "the queue id is what ties the log lines together");
        Assert.That(logs.Messages, Has.Some.Contains("E-safety copy queued"));
        Assert.That(logs.Messages, Has.None.Contains("@"));
        Assert.That(logs.Messages, Has.None.Contains("Zoe").And.None.Contains("Pupilson").And.None.Contains("Detention"));
    }
}
