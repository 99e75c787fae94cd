using System.Text;
using EmailGuard.Cli;
using EmailGuard.Gateway.Spool;
using EmailGuard.Gateway.Tests.Support;

namespace EmailGuard.Gateway.Tests.Cli;

/// <summary>`emailguard queue` on the live spool of a running gateway.</summary>
[TestFixture]
public sealed class QueueCommandTests
{
    private static (int Code, string Out, string Err) Run(TestGateway gateway, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var all = args.Concat(["--config", Path.Combine(gateway.Root, "config"), $"--EmailGuard:DataDirectory={gateway.DataDirectory}"]).ToArray();
        var code = QueueCommand.Run(all, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static async Task<string> QueueOneAsync(TestGateway gateway)
    {
        await using var client = await gateway.ConnectAsync();
        await client.BeginAsync("staff@trust.test", "parent@example.org");
        await client.SendRawAsync(Encoding.ASCII.GetBytes("From: staff@trust.test\r\nTo: parent@example.org\r\nSubject: Trip\r\n\r\nHi\r\n.\r\n"));
        return (await client.ReadReplyAsync())!.Split(' ')[^1];
    }

    [Test]
    public async Task List_show_retry_and_delete_work_on_the_live_spool()
    {
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["EmailGuard:Delivery:RetryInitialDelay"] = "01:00:00" }, new DeferringUpstream());
        var id = await QueueOneAsync(gateway);
        await EventuallyAsync(() => gateway.Spool.ReadState(id)?.Attempts == 1);

        var list = Run(gateway, "list");
        Assert.That(list.Code, Is.Zero);
        Assert.That(list.Out, Does.Contain(id).And.Contain("1 message(s) queued"));

        var show = Run(gateway, "show", id);
        Assert.That(show.Out, Does.Contain("Mail from:   <staff@trust.test>").And.Contain("Last error:  421 test upstream down"));

        Assert.That(Run(gateway, "retry", id).Code, Is.Zero);
        await EventuallyAsync(() => gateway.Spool.ReadState(id)?.Attempts == 2);

        Assert.That(Run(gateway, "delete", id).Code, Is.Zero);
        Assert.That(gateway.Spool.List(SpoolArea.Queue), Is.Empty);
        Assert.That(Run(gateway, "show", id).Code, Is.EqualTo(1));
    }

    [Test]
    public async Task Bad_queue_id_is_a_usage_error_and_help_works()
    {
        await using var gateway = await TestGateway.StartAsync(upstream: new DeferringUpstream());
        Assert.Throws<UsageException>(() => Run(gateway, "show", "../../etc/passwd"));
        Assert.That(Run(gateway, "--help").Out, Does.Contain("retry ID"));
        Assert.That(Run(gateway).Code, Is.EqualTo(2));
    }

    [Test]
    public async Task Admin_verbs_refuse_a_data_directory_the_service_never_made_and_do_not_create_one()
    {
        await using var gateway = await TestGateway.StartAsync(upstream: new DeferringUpstream());
        var elsewhere = Path.Combine(gateway.Root, "not-the-service-data");
        string[] args = ["--config", gateway.ConfigDirectory, $"--EmailGuard:DataDirectory={elsewhere}"];

        var queue = Assert.Throws<EmailGuard.Gateway.Hosting.InvalidConfigurationException>(() => QueueCommand.Run(["list", .. args], TextWriter.Null, TextWriter.Null));
        var audit = Assert.Throws<EmailGuard.Gateway.Hosting.InvalidConfigurationException>(() => AuditCommand.Run(args, TextWriter.Null, TextWriter.Null));
        var quarantine = Assert.ThrowsAsync<EmailGuard.Gateway.Hosting.InvalidConfigurationException>(() => QuarantineCommand.RunAsync(["list", .. args], TextWriter.Null, TextWriter.Null, CancellationToken.None));

        foreach (var e in new Exception[] { queue!, audit!, quarantine! })
        {
            Assert.That(e.Message, Does.Contain("no spool at " + Path.Combine(elsewhere, "spool")));
        }
        Assert.That(Directory.Exists(elsewhere), Is.False);
    }

    private static Task EventuallyAsync(Func<bool> condition) => GatewayMail.EventuallyAsync(condition, "condition not reached");
}
