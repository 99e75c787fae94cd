using EmailGuard.Cli;
using EmailGuard.Gateway.Spool;
using EmailGuard.Gateway.Tests.Support;
using static EmailGuard.Gateway.Tests.Support.GatewayMail;

namespace EmailGuard.Gateway.Tests.Actions;

/// <summary>Held mail and the quarantine verbs, end to end: client → gateway → sink, the CLI beside the running service.</summary>
[TestFixture]
public sealed class QuarantineTests
{
    private static async Task<(int Exit, string Out, string Err)> CliAsync(TestGateway gateway, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await QuarantineCommand.RunAsync([.. args, "--config", gateway.ConfigDirectory], stdout, stderr, CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static string Audit(TestGateway gateway)
    {
        using var stdout = new StringWriter();
        Assert.That(AuditCommand.Run(["--config", gateway.ConfigDirectory], stdout, TextWriter.Null), Is.Zero);
        return stdout.ToString();
    }

    [Test]
    public async Task Held_message_is_not_delivered_until_released_and_then_exactly_once()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var gateway = await TestGateway.StartAsync(Upstream(sink), policyJson: PolicyJson(monitor: false));
        var original = PupilContact();
        var id = await SendHeldAsync(gateway, "staff@trust.test", ["zoe.home@example.com"], original);

        await sink.WaitForMessagesAsync(1, Patience);
        Assert.That(sink.Messages.Single().MailFrom, Is.Empty, "only the held notice went out");
        Assert.That(gateway.Spool.List(SpoolArea.Hold), Is.EqualTo(new[] { id }));

        var shown = await CliAsync(gateway, "show", id);
        Assert.That(shown.Exit, Is.Zero);
        Assert.That(shown.Out, Does.Contain("Subject:     Homework").And.Contain("Finding:     pupil-contact (policy 4.4, 6.2, 6.8) hold"));

        var first = await CliAsync(gateway, "release", id, "--by", "office-jo");
        Assert.That(first.Exit, Is.Zero, first.Err);
        var second = await CliAsync(gateway, "release", id, "--by", "office-jo");
        Assert.That(second.Exit, Is.EqualTo(1));
        Assert.That(second.Err, Does.Contain("no held message"));

        await sink.WaitForMessagesAsync(2, Patience);
        await EventuallyAsync(() => gateway.Spool.List(SpoolArea.Queue).Count == 0, "the released message leaves the queue");
        var delivered = sink.Messages.Where(m => m.MailFrom == "staff@trust.test").ToList();
        Assert.That(delivered, Has.Count.EqualTo(1));
        Assert.That(delivered[0].Recipients, Is.EqualTo(new[] { "zoe.home@example.com" }));
        Assert.That(Text(delivered[0]), Does.EndWith(original));
        Assert.That(gateway.Spool.List(SpoolArea.Hold), Is.Empty);
        Assert.That(Audit(gateway), Does.Contain($"release  {id}  by office-jo  rules=pupil-contact"));
    }

    [Test]
    public async Task Rejecting_a_held_message_deletes_it_tells_the_sender_the_reason_and_is_audited()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var gateway = await TestGateway.StartAsync(Upstream(sink), policyJson: PolicyJson(monitor: false));
        var id = await SendHeldAsync(gateway, "staff@trust.test", ["zoe.home@example.com"], PupilContact());
        await sink.WaitForMessagesAsync(1, Patience);

        var result = await CliAsync(gateway, "reject", id, "--reason", "Use the learning platform for homework.", "--by", "dsl");
        Assert.That(result.Exit, Is.Zero, result.Err);

        await sink.WaitForMessagesAsync(2, Patience);
        var notice = Parse(sink.Messages[1]);
        Assert.That(sink.Messages[1].Recipients, Is.EqualTo(new[] { "staff@trust.test" }));
        Assert.That(notice.Subject, Does.StartWith("Rejected"));
        Assert.That(notice.TextBody, Does.Contain("Use the learning platform for homework.").And.Contain("pupil-contact"));
        Assert.That(File.Exists(gateway.Spool.PathOf(SpoolArea.Hold, id)), Is.False);
        Assert.That(Directory.GetFiles(Path.Combine(gateway.DataDirectory, "spool", "hold")), Is.Empty, "no claimed leftovers");
        Assert.That((await CliAsync(gateway, "reject", id, "--reason", "again")).Exit, Is.EqualTo(1));
        Assert.That((await CliAsync(gateway, "release", id)).Exit, Is.EqualTo(1), "a rejected message can never be released");
        Assert.That(Audit(gateway), Does.Contain($"reject   {id}  by dsl  rules=pupil-contact  reason: Use the learning platform for homework."));
        Assert.That(sink.Messages, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Purge_with_a_filter_deletes_only_matching_held_files_and_audits_each()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var gateway = await TestGateway.StartAsync(Upstream(sink), policyJson: PolicyJson(monitor: false));
        var pupil = await SendHeldAsync(gateway, "staff@trust.test", ["zoe.home@example.com"], PupilContact());
        var (exposedMessage, to) = Exposed();
        var exposed = await SendHeldAsync(gateway, "staff@trust.test", to, exposedMessage);

        var listed = await CliAsync(gateway, "list", "--rule", "exposed-recipients");
        Assert.That(listed.Out, Does.Contain(exposed).And.Not.Contain(pupil).And.Contain("1 message(s) held"));
        Assert.That((await CliAsync(gateway, "list", "--older-than", "2d")).Out, Does.Contain("0 message(s) held"));
        Assert.That((await CliAsync(gateway, "list", "--sender", "staff@trust.test")).Out, Does.Contain("2 message(s) held"));

        var purged = await CliAsync(gateway, "purge", "--rule", "pupil-contact", "--by", "it-admin", "--reason", "sent in error");
        Assert.That(purged.Exit, Is.Zero, purged.Err);
        Assert.That(File.Exists(gateway.Spool.PathOf(SpoolArea.Hold, pupil)), Is.False);
        Assert.That(gateway.Spool.List(SpoolArea.Hold), Is.EqualTo(new[] { exposed }));
        Assert.That((await CliAsync(gateway, "purge", "--all")).Exit, Is.Zero);
        Assert.That(Directory.GetFiles(Path.Combine(gateway.DataDirectory, "spool", "hold")), Is.Empty);

        var audit = Audit(gateway);
        Assert.That(audit, Does.Contain($"purge    {pupil}  by it-admin  rules=pupil-contact  reason: sent in error").And.Contain($"purge    {exposed}"));
        var file = Directory.GetFiles(Path.Combine(gateway.DataDirectory, "audit")).Single();
        if (!OperatingSystem.IsWindows())
        {
            Assert.That(File.GetUnixFileMode(file), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            Assert.That(File.GetUnixFileMode(Path.GetDirectoryName(file)!), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
        }
        Assert.That(await File.ReadAllTextAsync(file), Does.Not.Contain("@"), "the audit log carries no addresses");
    }

    [Test]
    public async Task Quarantine_verbs_exit_0_1_or_2_sensibly()
    {
        await using var gateway = await TestGateway.StartAsync();
        Assert.That((await CliAsync(gateway, "--help")).Exit, Is.Zero);
        Assert.That((await CliAsync(gateway)).Exit, Is.EqualTo(2));
        Assert.That((await CliAsync(gateway, "list")).Exit, Is.Zero);
        Assert.That((await CliAsync(gateway, "show", "0123456789ABCDEFGHJ")).Exit, Is.EqualTo(1));
        Assert.That((await CliAsync(gateway, "release", "0123456789ABCDEFGHJ")).Exit, Is.EqualTo(1));
        Assert.That((await CliAsync(gateway, "purge", "--all")).Exit, Is.EqualTo(1), "nothing to purge");
        Assert.ThrowsAsync<UsageException>(() => CliAsync(gateway, "release", "../../etc/passwd"));
        Assert.ThrowsAsync<UsageException>(() => CliAsync(gateway, "reject", "0123456789ABCDEFGHJ"));
        Assert.ThrowsAsync<UsageException>(() => CliAsync(gateway, "purge"));
        Assert.ThrowsAsync<UsageException>(() => CliAsync(gateway, "list", "--older-than", "soon"));
        Assert.ThrowsAsync<UsageException>(() => CliAsync(gateway, "frobnicate"));
    }
}
