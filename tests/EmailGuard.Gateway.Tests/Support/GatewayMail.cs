using System.Globalization;
using System.Text;

namespace EmailGuard.Gateway.Tests.Support;

/// <summary>Sending through a TestGateway to a sink, and waiting for the outcome without sleeping blind.</summary>
internal static class GatewayMail
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Upstream = the sink, fast retries, and a postmaster in the Trust domain.</summary>
    public static Dictionary<string, string?> Upstream(SmtpSink sink) => new()
    {
        ["EmailGuard:Upstream:Mode"] = "Smtp",
        ["EmailGuard:Upstream:Host"] = "127.0.0.1",
        ["EmailGuard:Upstream:Port"] = sink.Port.ToString(CultureInfo.InvariantCulture),
        ["EmailGuard:Upstream:Tls"] = "None",
        ["EmailGuard:Upstream:Retry:MaxAttempts"] = "1",
        ["EmailGuard:Upstream:CircuitBreaker:BreakDuration"] = "00:00:00.5",
        ["EmailGuard:Delivery:RetryInitialDelay"] = "00:00:00.2",
        ["EmailGuard:Delivery:RetryMaxDelay"] = "00:00:00.5",
        ["EmailGuard:Delivery:PostmasterAddress"] = "postmaster@trust.test",
    };

    /// <summary>A Trust with an E-safety monitor; <paramref name="rules"/> is the JSON of the Rules object.</summary>
    public static string PolicyJson(string rules = "{}", bool monitor = true) => $$"""
        "Policy": { "TrustDomains": ["trust.test"], "PupilDomains": ["pupils.trust.test"], "ApprovedAccounts": ["staff@trust.test", "office@trust.test"],
                    "MonitorAddresses": [{{(monitor ? "\"esafety@trust.test\"" : "")}}], "Rules": {{rules}} }
        """;

    /// <summary>Held by pupil-contact: a staff account writing to a pupil's personal address (pupils.csv of TestGateway).</summary>
    public static string PupilContact(string subject = "Homework") =>
        $"From: Sam Staff <staff@trust.test>\r\nTo: zoe.home@example.com\r\nSubject: {subject}\r\nMessage-ID: <pc@trust.test>\r\n\r\nHello Zoe.\r\n";

    /// <summary>Caught by exposed-recipients: six outside addresses in To.</summary>
    public static (string Message, string[] Recipients) Exposed(string from = "staff@trust.test")
    {
        var to = Enumerable.Range(1, 6).Select(i => $"parent{i}@example.org").ToArray();
        return ($"From: {from}\r\nTo: {string.Join(", ", to)}\r\nSubject: Trip\r\nMessage-ID: <ex@trust.test>\r\n\r\nCoach leaves at 9.\r\n..dot line\r\n", to);
    }

    /// <summary>Sends one message; returns the final reply line.</summary>
    public static async Task<string> SendAsync(TestGateway gateway, string from, string[] to, string message)
    {
        await using var client = await gateway.ConnectAsync();
        Assert.That(await client.BeginAsync(from, to), Does.StartWith("354"));
        await client.SendRawAsync(Encoding.ASCII.GetBytes(message.Replace("\r\n.", "\r\n..", StringComparison.Ordinal) + ".\r\n"));
        return (await client.ReadReplyAsync())!;
    }

    /// <summary>Sends a message the policy holds; returns its queue id.</summary>
    public static async Task<string> SendHeldAsync(TestGateway gateway, string from, string[] to, string message)
    {
        var reply = await SendAsync(gateway, from, to, message);
        Assert.That(reply, Does.StartWith("250").And.Contain("held for review"));
        return reply.Split(' ')[^1];
    }

    public static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        using var cts = new CancellationTokenSource(Patience);
        while (!condition())
        {
            Assert.That(cts.IsCancellationRequested, Is.False, what);
            await Task.Delay(20);
        }
    }

    public static string Text(SinkMessage m) => Encoding.UTF8.GetString(m.Data);

    public static MimeKit.MimeMessage Parse(SinkMessage m) => MimeKit.MimeMessage.Load(new MemoryStream(m.Data));
}
