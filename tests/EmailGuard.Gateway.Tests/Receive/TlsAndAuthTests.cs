using System.Security.Cryptography.X509Certificates;
using EmailGuard.Gateway.Receive;
using EmailGuard.Gateway.Tests.Support;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace EmailGuard.Gateway.Tests.Receive;

/// <summary>STARTTLS with a PEM certificate, TLS-required, and AUTH against hashed credentials, with MailKit as the client.</summary>
[TestFixture]
public sealed class TlsAndAuthTests
{
    private string _pemDir = null!;

    [SetUp]
    public void SetUp()
    {
        _pemDir = Directory.CreateTempSubdirectory("emailguard-tls-").FullName;
        using var cert = TestCertificates.SelfSigned("gateway.test");
        File.WriteAllText(Path.Combine(_pemDir, "cert.pem"), cert.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_pemDir, "key.pem"), cert.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_pemDir, recursive: true);

    private Dictionary<string, string?> Tls(bool required = false) => new()
    {
        ["EmailGuard:Smtp:Tls:CertificatePath"] = Path.Combine(_pemDir, "cert.pem"),
        ["EmailGuard:Smtp:Tls:KeyPath"] = Path.Combine(_pemDir, "key.pem"),
        ["EmailGuard:Smtp:Tls:Required"] = required ? "true" : "false",
    };

    private static MimeMessage Message()
    {
        var m = new MimeMessage();
        m.From.Add(MailboxAddress.Parse("staff@trust.test"));
        m.To.Add(MailboxAddress.Parse("parent@example.org"));
        m.Subject = "Trip letter";
        m.Body = new TextPart("plain") { Text = "Hello." };
        return m;
    }

    private async Task<SmtpClient> ConnectAsync(TestGateway gateway, SecureSocketOptions tls)
    {
        // Trust exactly the test's self-signed certificate, nothing else.
        var expected = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(_pemDir, "cert.pem"));
        var client = new SmtpClient { CheckCertificateRevocation = false };
        client.ServerCertificateValidationCallback = (_, cert, _, _) => cert is not null && cert.GetCertHashString() == expected.GetCertHashString();
        await client.ConnectAsync("127.0.0.1", gateway.Endpoint.Port, tls);
        return client;
    }

    [Test]
    public async Task Message_is_accepted_over_starttls_with_a_pem_certificate()
    {
        await using var gateway = await TestGateway.StartAsync(Tls(), new DeferringUpstream());
        using var client = await ConnectAsync(gateway, SecureSocketOptions.StartTls);
        Assert.That(client.IsSecure, Is.True);
        var reply = await client.SendAsync(Message());
        Assert.That(reply, Does.StartWith("2.0.0 Ok: queued as"));
    }

    [Test]
    public async Task Mail_before_starttls_is_refused_with_530_when_tls_is_required()
    {
        await using var gateway = await TestGateway.StartAsync(Tls(required: true), new DeferringUpstream());
        await using var raw = await gateway.ConnectAsync();
        await raw.ReadReplyAsync();
        Assert.That(await raw.CommandAsync("EHLO client.test"), Does.Contain("STARTTLS"));
        Assert.That(await raw.CommandAsync("MAIL FROM:<staff@trust.test>"), Does.StartWith("530 5.7.0"));
    }

    [Test]
    public async Task Auth_accepts_the_hashed_password_over_tls_and_refuses_a_wrong_one()
    {
        var settings = Tls();
        settings["EmailGuard:Smtp:Auth:Required"] = "true";
        settings["EmailGuard:Smtp:Auth:Users:0:Name"] = "relay";
        settings["EmailGuard:Smtp:Auth:Users:0:PasswordHash"] = PasswordHash.Create("s3cret pass");
        await using var gateway = await TestGateway.StartAsync(settings, new DeferringUpstream());

        using (var plain = new SmtpClient())
        {
            await plain.ConnectAsync("127.0.0.1", gateway.Endpoint.Port, SecureSocketOptions.None);
            Assert.That(plain.Capabilities.HasFlag(SmtpCapabilities.Authentication), Is.False, "no AUTH offered in clear text");
            // MailKit turns the 530 reply to MAIL into this exception.
            Assert.ThrowsAsync<MailKit.ServiceNotAuthenticatedException>(() => plain.SendAsync(Message()), "MAIL without AUTH is refused");
        }

        using (var wrong = await ConnectAsync(gateway, SecureSocketOptions.StartTls))
        {
            Assert.ThrowsAsync<AuthenticationException>(() => wrong.AuthenticateAsync("relay", "guess"));
        }

        using var right = await ConnectAsync(gateway, SecureSocketOptions.StartTls);
        await right.AuthenticateAsync("relay", "s3cret pass");
        Assert.That(await right.SendAsync(Message()), Does.StartWith("2.0.0 Ok"));
    }

    [Test]
    public async Task Sessions_over_the_per_client_cap_are_refused_with_421_at_connect()
    {
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["EmailGuard:Smtp:MaxSessionsPerClient"] = "2" }, new DeferringUpstream());
        await using var first = await gateway.ConnectAsync();
        await using var second = await gateway.ConnectAsync();
        Assert.That(await first.ReadReplyAsync(), Does.StartWith("220"));
        Assert.That(await second.ReadReplyAsync(), Does.StartWith("220"));
        await using var third = await gateway.ConnectAsync();
        Assert.That(await third.ReadReplyAsync(), Does.StartWith("421 4.7.0"));
        await first.CommandAsync("QUIT");
        await using var fourth = await RetryConnectAsync(gateway);
        Assert.That(fourth, Is.Not.Null, "a slot freed by QUIT is available again");
    }

    /// <summary>The slot frees when the server has closed the first session; try a few times until it has.</summary>
    private static async Task<RawSmtpClient?> RetryConnectAsync(TestGateway gateway)
    {
        for (var i = 0; i < 100; i++)
        {
            var client = await gateway.ConnectAsync();
            if ((await client.ReadReplyAsync())?.StartsWith("220", StringComparison.Ordinal) == true)
            {
                return client;
            }
            await client.DisposeAsync();
            await Task.Delay(50);
        }
        return null;
    }

    [Test]
    public async Task Sessions_over_the_cap_are_refused_with_421_at_connect()
    {
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["EmailGuard:Smtp:MaxSessions"] = "1" }, new DeferringUpstream());
        await using var first = await gateway.ConnectAsync();
        Assert.That(await first.ReadReplyAsync(), Does.StartWith("220"));
        await using var second = await gateway.ConnectAsync();
        Assert.That(await second.ReadReplyAsync(), Does.StartWith("421 4.7.0"));
        Assert.That(await first.CommandAsync("NOOP"), Does.StartWith("250"), "the first session is unaffected");
    }
}
