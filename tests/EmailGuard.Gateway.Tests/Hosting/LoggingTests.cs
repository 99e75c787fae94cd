using System.Text;
using EmailGuard.Gateway.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace EmailGuard.Gateway.Tests.Hosting;

[TestFixture]
public sealed class LoggingTests
{
    private const int DecisionEventId = 1003;

    private static async Task<string?> SendAsync(TestGateway gateway, string to, string subject)
    {
        await using var client = await gateway.ConnectAsync();
        Assert.That(await client.BeginAsync("staff@trust.test", to), Does.StartWith("354"));
        await client.SendRawAsync(Encoding.ASCII.GetBytes($"From: staff@trust.test\r\nTo: {to}\r\nSubject: {subject}\r\n\r\nHello.\r\n.\r\n"));
        return await client.ReadReplyAsync();
    }

    [Test]
    public async Task Each_message_gets_exactly_one_decision_line_and_no_subject_or_address_by_default()
    {
        var logs = new CapturingLoggerProvider();
        await using var gateway = await TestGateway.StartAsync(
            new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Information" },
            configure: s => s.AddSingleton<ILoggerProvider>(logs));

        var replies = new[]
        {
            await SendAsync(gateway, "parent@example.org", "Trip letter"),
            await SendAsync(gateway, "parent@example.org", "Zoe Pupilson behaviour"),
            await SendAsync(gateway, "zoe.home@example.com", "Homework"),
        };

        var decisions = logs.Entries.Where(e => e.Id.Id == DecisionEventId).Select(e => e.Message).ToList();
        Assert.That(decisions, Has.Count.EqualTo(3));
        Assert.That(decisions, Has.One.Contains(": forward rules=[]"));
        Assert.That(decisions, Has.One.Contains(": reject rules=[subject-names-individual]"));
        Assert.That(decisions, Has.One.Contains(": hold rules=[pupil-contact]"));
        foreach (var reply in replies.Where(r => r!.StartsWith("250", StringComparison.Ordinal)))
        {
            var id = reply!.Split(' ')[^1];
            Assert.That(decisions.Count(d => d.Contains(id, StringComparison.Ordinal)), Is.EqualTo(1), id);
        }
        var all = string.Join("\n", logs.Entries.Select(e => e.Message));
        Assert.That(all, Does.Not.Contain("@"));
        Assert.That(all, Does.Not.Contain("Pupilson"));
        Assert.That(all, Does.Not.Contain("Trip letter"));
    }

    [Test]
    public async Task Subjects_are_logged_only_when_configured_and_still_one_decision_line()
    {
        var logs = new CapturingLoggerProvider();
        await using var gateway = await TestGateway.StartAsync(
            new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Information", ["EmailGuard:LogSubjects"] = "true" },
            configure: s => s.AddSingleton<ILoggerProvider>(logs));

        await SendAsync(gateway, "parent@example.org", "Trip letter");

        Assert.That(logs.Entries.Count(e => e.Id.Id == DecisionEventId), Is.EqualTo(1));
        Assert.That(logs.Entries.Where(e => e.Id.Id == 1004).Select(e => e.Message), Has.One.EndsWith("subject Trip letter"));
    }

    [Test]
    public async Task Json_console_format_is_chosen_by_configuration()
    {
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Logging:Console:FormatterName"] = "json",
            ["Logging:Console:FormatterOptions:TimestampFormat"] = "yyyy-MM-ddTHH:mm:ss.fffZ",
            ["Logging:Console:FormatterOptions:UseUtcTimestamp"] = "true",
        });

        var console = gateway.Service<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;
        var json = gateway.Service<IOptionsMonitor<JsonConsoleFormatterOptions>>().CurrentValue;

        Assert.That(console.FormatterName, Is.EqualTo(ConsoleFormatterNames.Json));
        Assert.That(json.UseUtcTimestamp, Is.True);
        Assert.That(gateway.Service<IEnumerable<ConsoleFormatter>>().Select(f => f.Name), Does.Contain(ConsoleFormatterNames.Json));
    }
}
