using System.Security.Cryptography;
using System.Text;
using EmailGuard.Gateway.Spool;
using EmailGuard.Gateway.Tests.Support;

namespace EmailGuard.Gateway.Tests.Relay;

/// <summary>Client → EmailGuard → a real SMTP sink, all over sockets on 127.0.0.1.</summary>
[TestFixture]
public sealed class RelayTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static string Message(string id, string to = "parent@example.org") =>
        $"From: staff@trust.test\r\nTo: {to}\r\nSubject: Trip letter\r\nMessage-ID: <{id}@trust.test>\r\n\r\nHello.\r\n..leading dot line\r\n";

    private static Dictionary<string, string?> Upstream(SmtpSink sink, string root = "") => new()
    {
        ["EmailGuard:Upstream:Mode"] = "Smtp",
        ["EmailGuard:Upstream:Host"] = "127.0.0.1",
        ["EmailGuard:Upstream:Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["EmailGuard:Upstream:Tls"] = "None",
        ["EmailGuard:Upstream:Retry:MaxAttempts"] = "1",
        ["EmailGuard:Upstream:CircuitBreaker:BreakDuration"] = "00:00:00.5",
        ["EmailGuard:Delivery:RetryInitialDelay"] = "00:00:00.2",
        ["EmailGuard:Delivery:RetryMaxDelay"] = "00:00:00.5",
        ["EmailGuard:Delivery:PostmasterAddress"] = "postmaster@trust.test",
    };

    private static async Task<string> SendAsync(TestGateway gateway, string from, string[] to, string message)
    {
        await using var client = await gateway.ConnectAsync();
        Assert.That(await client.BeginAsync(from, to), Does.StartWith("354"));
        await client.SendRawAsync(Encoding.ASCII.GetBytes(message.Replace("\r\n.", "\r\n..", StringComparison.Ordinal) + ".\r\n"));
        var reply = await client.ReadReplyAsync();
        Assert.That(reply, Does.StartWith("250"));
        return reply!.Split(' ')[^1];
    }

    private static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        using var cts = new CancellationTokenSource(Patience);
        while (!condition())
        {
            Assert.That(cts.IsCancellationRequested, Is.False, what);
            await Task.Delay(20);
        }
    }

    [Test]
    public async Task Message_is_relayed_with_envelope_preserved_and_bytes_identical_after_the_received_header()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var gateway = await TestGateway.StartAsync(Upstream(sink));
        var original = Message("m1");
        await SendAsync(gateway, "staff@trust.test", ["parent@example.org", "carer@example.net"], original);

        await sink.WaitForMessagesAsync(1, Patience);
        var got = sink.Messages[0];
        Assert.That(got.MailFrom, Is.EqualTo("staff@trust.test"));
        Assert.That(got.Recipients, Is.EqualTo(new[] { "parent@example.org", "carer@example.net" }));
        var text = Encoding.ASCII.GetString(got.Data);
        Assert.That(text, Does.StartWith("Received: from client.test ([127.0.0.1])"));
        var body = got.Data[(text.IndexOf("From: ", StringComparison.Ordinal))..];
        Assert.That(SHA256.HashData(body), Is.EqualTo(SHA256.HashData(Encoding.ASCII.GetBytes(original))));
        await EventuallyAsync(() => gateway.Spool.List(SpoolArea.Queue).Count == 0, "delivered message leaves the spool");
    }

    [Test]
    public async Task Upstream_down_then_up_delivers_exactly_once()
    {
        await using var sink = await SmtpSink.StartAsync();
        await sink.StopAsync();
        await using var gateway = await TestGateway.StartAsync(Upstream(sink));
        var id = await SendAsync(gateway, "staff@trust.test", ["parent@example.org"], Message("down"));
        await EventuallyAsync(() => gateway.Spool.ReadState(id)?.Attempts >= 1, "a failed attempt is recorded");

        await sink.RestartAsync();
        await sink.WaitForMessagesAsync(1, Patience);
        await EventuallyAsync(() => gateway.Spool.List(SpoolArea.Queue).Count == 0, "delivered message leaves the spool");
        Assert.That(sink.Messages, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Permanent_failure_for_one_recipient_delivers_to_the_other_and_notifies_the_sender_once()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var gateway = await TestGateway.StartAsync(Upstream(sink));
        await SendAsync(gateway, "staff@trust.test", ["parent@example.org", "reject-me@example.org"], Message("partial"));

        await sink.WaitForMessagesAsync(2, Patience);
        await EventuallyAsync(() => gateway.Spool.List(SpoolArea.Queue).Count == 0, "everything leaves the spool");
        var original = sink.Messages.Single(m => m.MailFrom == "staff@trust.test");
        Assert.That(original.Recipients, Is.EqualTo(new[] { "parent@example.org" }));
        var notice = sink.Messages.Single(m => m.MailFrom == "");
        Assert.That(notice.Recipients, Is.EqualTo(new[] { "staff@trust.test" }));
        var text = Encoding.UTF8.GetString(notice.Data);
        Assert.That(text, Does.Contain("reject-me@example.org"));
        Assert.That(text, Does.Contain("5.1.1"));
        Assert.That(text, Does.Contain("Auto-Submitted: auto-replied"));
        Assert.That(sink.Messages, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Null_sender_gets_no_notice_when_a_recipient_fails()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var gateway = await TestGateway.StartAsync(Upstream(sink));
        await SendAsync(gateway, "", ["parent@example.org", "reject-me@example.org"], Message("nullsender"));
        await sink.WaitForMessagesAsync(1, Patience);
        await EventuallyAsync(() => gateway.Spool.List(SpoolArea.Queue).Count == 0, "everything leaves the spool");
        Assert.That(sink.Messages.Select(m => m.Recipients[0]), Is.EqualTo(new[] { "parent@example.org" }));
    }

    [Test]
    public async Task Messages_queued_at_shutdown_are_delivered_after_restart()
    {
        await using var sink = await SmtpSink.StartAsync();
        await sink.StopAsync();
        var root = Directory.CreateTempSubdirectory("emailguard-restart-").FullName;
        var first = await TestGateway.StartAsync(Upstream(sink), root: root);
        for (var i = 0; i < 5; i++)
        {
            await SendAsync(first, "staff@trust.test", ["parent@example.org"], Message("restart" + i));
        }
        await first.StopAsync();
        Assert.That(new MessageSpool(first.DataDirectory).List(SpoolArea.Queue), Has.Count.EqualTo(5), "all five wait in the spool");

        await sink.RestartAsync();
        await using var second = await TestGateway.StartAsync(Upstream(sink), root: root);
        await sink.WaitForMessagesAsync(5, Patience);
        var ids = sink.Messages.Select(m => Encoding.ASCII.GetString(m.Data)).Select(t => t[t.IndexOf("Message-ID:", StringComparison.Ordinal)..].Split("\r\n")[0]).ToList();
        Assert.That(ids.Distinct().Count(), Is.EqualTo(5));
    }

    [Test]
    public async Task Default_pickup_directory_receives_each_message_with_its_envelope()
    {
        await using var gateway = await TestGateway.StartAsync();
        var original = Message("pickup");
        await SendAsync(gateway, "staff@trust.test", ["parent@example.org"], original);
        var outbox = Path.Combine(gateway.DataDirectory, "outbox");
        await EventuallyAsync(() => Directory.Exists(outbox) && Directory.GetFiles(outbox, "*.envelope.json").Length == 1, "pickup file written");
        var eml = Directory.GetFiles(outbox, "*.eml").Single();
        Assert.That(await File.ReadAllTextAsync(eml), Does.EndWith(original));
        var envelope = await File.ReadAllTextAsync(Directory.GetFiles(outbox, "*.envelope.json").Single());
        Assert.That(envelope, Does.Contain("staff@trust.test").And.Contain("parent@example.org"));
    }

    [Test]
    public async Task Message_undelivered_past_the_queue_lifetime_gets_one_notice_to_the_trust_sender()
    {
        await using var sink = await SmtpSink.StartAsync();
        await sink.StopAsync();
        var settings = Upstream(sink);
        settings["EmailGuard:Delivery:MaxQueueLifetime"] = "00:00:01";
        await using var gateway = await TestGateway.StartAsync(settings);
        var id = await SendAsync(gateway, "staff@trust.test", ["parent@example.org"], Message("expire"));
        await EventuallyAsync(() => !gateway.Spool.List(SpoolArea.Queue).Contains(id), "the message is given up");

        await sink.RestartAsync();
        await sink.WaitForMessagesAsync(1, Patience);
        await EventuallyAsync(() => gateway.Spool.List(SpoolArea.Queue).Count == 0, "the notice is delivered");
        var notice = sink.Messages.Single();
        Assert.That(notice.MailFrom, Is.Empty);
        Assert.That(notice.Recipients, Is.EqualTo(new[] { "staff@trust.test" }));
        Assert.That(Encoding.UTF8.GetString(notice.Data), Does.Contain("gave up after").And.Contain("parent@example.org"));
    }
}
