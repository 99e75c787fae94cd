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

    private static async Task EventuallyAsync(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            Assert.That(cts.IsCancellationRequested, Is.False, "condition not reached");
            await Task.Delay(20);
        }
    }
}
