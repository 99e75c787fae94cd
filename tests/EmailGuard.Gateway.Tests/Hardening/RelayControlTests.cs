using System.Security.Cryptography.X509Certificates;
using System.Text;
using EmailGuard.Gateway.Tests.Support;

namespace EmailGuard.Gateway.Tests.Hardening;

/// <summary>
/// Address forms that old MTAs reinterpreted as other destinations. EmailGuard relays them upstream verbatim
/// (or refuses them), never re-routes them, and never accepts them from a client outside the allowed networks.
/// </summary>
[TestFixture]
public sealed class RelayControlTests
{
    private static Dictionary<string, string?> Upstream(SmtpSink sink, string? allowed = null)
    {
        var s = new Dictionary<string, string?>
        {
            ["EmailGuard:Upstream:Mode"] = "Smtp",
            ["EmailGuard:Upstream:Host"] = "127.0.0.1",
            ["EmailGuard:Upstream:Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["EmailGuard:Upstream:Tls"] = "None",
        };
        if (allowed is not null)
        {
            s["EmailGuard:Smtp:AllowedNetworks:0"] = allowed;
        }
        return s;
    }

    [TestCase("user%other.example@example.org", "user%other.example@example.org")]
    [TestCase("host!user@example.org", "host!user@example.org")]
    // The sink is SmtpServer too, which drops quotes when it parses: local part user@other.example, host example.org.
    [TestCase("\"user@other.example\"@example.org", "user@other.example@example.org")]
    public async Task Odd_recipient_form_from_an_allowed_client_is_relayed_verbatim(string rcpt, string expected)
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var gateway = await TestGateway.StartAsync(Upstream(sink));
        await using var client = await gateway.ConnectAsync();
        Assert.That(await client.BeginAsync("staff@trust.test", rcpt), Does.StartWith("354"));
        await client.SendRawAsync(Encoding.ASCII.GetBytes("From: staff@trust.test\r\nTo: parent@example.org\r\nSubject: Trip\r\n\r\nHi\r\n.\r\n"));
        Assert.That(await client.ReadReplyAsync(), Does.StartWith("250"));
        await sink.WaitForMessagesAsync(1, TimeSpan.FromSeconds(30));
        Assert.That(sink.Messages[0].Recipients, Is.EqualTo(new[] { expected }));
    }

    [Test]
    public async Task Source_route_is_never_followed()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var gateway = await TestGateway.StartAsync(Upstream(sink));
        await using var client = await gateway.ConnectAsync();
        await client.ReadReplyAsync();
        await client.CommandAsync("EHLO client.test");
        await client.CommandAsync("MAIL FROM:<staff@trust.test>");
        var reply = await client.CommandAsync("RCPT TO:<@relay.example,@other.example:user@example.org>");
        if (reply!.StartsWith("250", StringComparison.Ordinal))
        {
            // Accepted: RFC 5321 4.1.1.3 says the route may be ignored; it must then go to user@example.org only.
            await client.CommandAsync("DATA");
            await client.SendRawAsync(Encoding.ASCII.GetBytes("From: staff@trust.test\r\nSubject: Trip\r\n\r\nHi\r\n.\r\n"));
            Assert.That(await client.ReadReplyAsync(), Does.StartWith("250"));
            await sink.WaitForMessagesAsync(1, TimeSpan.FromSeconds(30));
            Assert.That(sink.Messages[0].Recipients, Is.EqualTo(new[] { "user@example.org" }));
        }
        else
        {
            Assert.That(reply, Does.Match("^5\\d\\d"), "refused outright is the other honest answer");
        }
    }

    [TestCase("user%other.example@example.org")]
    [TestCase("\"user@other.example\"@example.org")]
    public async Task Odd_recipient_form_from_a_client_outside_the_allowed_networks_is_refused(string rcpt)
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var gateway = await TestGateway.StartAsync(Upstream(sink, allowed: "192.0.2.0/24"));
        await using var client = await gateway.ConnectAsync();
        Assert.That(await client.ReadReplyAsync(), Does.StartWith("554 5.7.1"));
        Assert.That(await client.CommandAsync($"RCPT TO:<{rcpt}>"), Is.Null, "no SMTP dialogue at all");
        Assert.That(sink.Messages, Is.Empty);
    }

    [Test]
    public async Task Commands_pipelined_after_starttls_are_discarded_not_run_after_the_handshake()
    {
        var pemDir = Directory.CreateTempSubdirectory("emailguard-inject-").FullName;
        using var cert = TestCertificates.SelfSigned("gateway.test");
        await File.WriteAllTextAsync(Path.Combine(pemDir, "cert.pem"), cert.ExportCertificatePem());
        await File.WriteAllTextAsync(Path.Combine(pemDir, "key.pem"), cert.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["EmailGuard:Smtp:Tls:CertificatePath"] = Path.Combine(pemDir, "cert.pem"),
            ["EmailGuard:Smtp:Tls:KeyPath"] = Path.Combine(pemDir, "key.pem"),
        }, new DeferringUpstream());
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(gateway.Endpoint);
        var stream = tcp.GetStream();
        var reader = new StreamReader(stream, Encoding.ASCII);
        await reader.ReadLineAsync();
        await stream.WriteAsync("EHLO client.test\r\n"u8.ToArray());
        string? line;
        while ((line = await reader.ReadLineAsync()) is not null && line.StartsWith("250-", StringComparison.Ordinal))
        {
        }
        // STARTTLS and a MAIL command in one packet (CVE-2011-0411).
        await stream.WriteAsync("STARTTLS\r\nMAIL FROM:<injected@example.org>\r\n"u8.ToArray());
        Assert.That(await reader.ReadLineAsync(), Does.StartWith("220"));
        using var ssl = new System.Net.Security.SslStream(stream, false, (_, c, _, _) => c?.GetCertHashString() == cert.GetCertHashString());
        await ssl.AuthenticateAsClientAsync("gateway.test");
        var secure = new StreamReader(ssl, Encoding.ASCII);
        await ssl.WriteAsync("RCPT TO:<parent@example.org>\r\n"u8.ToArray());
        var reply = await secure.ReadLineAsync();
        Assert.That(reply, Does.StartWith("503").Or.StartWith("5"), "no MAIL was executed, so RCPT is out of sequence");
        Directory.Delete(pemDir, recursive: true);
    }
}
