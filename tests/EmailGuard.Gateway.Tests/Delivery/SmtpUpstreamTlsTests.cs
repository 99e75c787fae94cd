using EmailGuard.Gateway.Delivery;
using EmailGuard.Gateway.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace EmailGuard.Gateway.Tests.Delivery;

public class SmtpUpstreamTlsTests
{
    [Test]
    public async Task StartTls_with_an_accepted_certificate_delivers_the_exact_bytes()
    {
        using var certificate = TestCertificates.SelfSigned();
        await using var sink = await SmtpSink.StartAsync(certificate: certificate);
        var options = UpstreamTestOptions.For(sink);
        options.Tls = UpstreamTls.StartTls;
        options.AcceptInvalidCertificates = true;
        await using var upstream = new SmtpUpstream(options, TimeProvider.System, NullLoggerFactory.Instance);
        var content = Messages.Simple("over tls");

        var outcome = await upstream.SendAsync("a@school.test", ["b@example.test"], Messages.Stream(content), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Recipients.Single().Status, Is.EqualTo(RecipientStatus.Delivered));
            Assert.That(sink.Messages.Single().Data, Is.EqualTo(content));
        });
    }

    [Test]
    public async Task Untrusted_certificate_defers_instead_of_sending()
    {
        using var certificate = TestCertificates.SelfSigned();
        await using var sink = await SmtpSink.StartAsync(certificate: certificate);
        var options = UpstreamTestOptions.For(sink);
        options.Tls = UpstreamTls.StartTls;
        await using var upstream = new SmtpUpstream(options, TimeProvider.System, NullLoggerFactory.Instance);

        var outcome = await upstream.SendAsync("a@school.test", ["b@example.test"], Messages.Stream(Messages.Simple()), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Recipients.Single().Status, Is.EqualTo(RecipientStatus.Deferred));
            Assert.That(outcome.Recipients.Single().Reply, Does.Contain("SslHandshakeException"));
            Assert.That(sink.Messages, Is.Empty);
        });
    }

    [Test]
    public async Task Required_StartTls_defers_when_the_relay_does_not_offer_it()
    {
        await using var sink = await SmtpSink.StartAsync();
        var options = UpstreamTestOptions.For(sink);
        options.Tls = UpstreamTls.StartTls;
        await using var upstream = new SmtpUpstream(options, TimeProvider.System, NullLoggerFactory.Instance);

        var outcome = await upstream.SendAsync("a@school.test", ["b@example.test"], Messages.Stream(Messages.Simple()), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Recipients.Single().Status, Is.EqualTo(RecipientStatus.Deferred));
            Assert.That(outcome.Recipients.Single().Reply, Does.Contain("STARTTLS"));
            Assert.That(sink.MailFromCount, Is.Zero, "nothing may go in plain text");
        });
    }

    [Test]
    public async Task Credentials_are_used_for_AUTH_after_StartTls()
    {
        using var certificate = TestCertificates.SelfSigned();
        await using var sink = await SmtpSink.StartAsync(certificate: certificate);
        sink.CredentialRule = (user, password) => user == "trust-relay" && password == "s3cret";
        var options = UpstreamTestOptions.For(sink);
        (options.Tls, options.AcceptInvalidCertificates, options.Username, options.Password) = (UpstreamTls.StartTls, true, "trust-relay", "s3cret");
        await using var upstream = new SmtpUpstream(options, TimeProvider.System, NullLoggerFactory.Instance);

        var outcome = await upstream.SendAsync("a@school.test", ["b@example.test"], Messages.Stream(Messages.Simple()), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Recipients.Single().Status, Is.EqualTo(RecipientStatus.Delivered));
            Assert.That(sink.Logins, Is.EqualTo(new[] { "trust-relay" }));
        });
    }

    [Test]
    public async Task Refused_credentials_defer_without_sending()
    {
        using var certificate = TestCertificates.SelfSigned();
        await using var sink = await SmtpSink.StartAsync(certificate: certificate);
        sink.CredentialRule = (_, _) => false;
        var options = UpstreamTestOptions.For(sink);
        (options.Tls, options.AcceptInvalidCertificates, options.Username, options.Password) = (UpstreamTls.StartTls, true, "trust-relay", "wrong");
        await using var upstream = new SmtpUpstream(options, TimeProvider.System, NullLoggerFactory.Instance);

        var outcome = await upstream.SendAsync("a@school.test", ["b@example.test"], Messages.Stream(Messages.Simple()), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Recipients.Single().Status, Is.EqualTo(RecipientStatus.Deferred), "a configuration fault must not bounce mail");
            Assert.That(outcome.Recipients.Single().Reply, Does.Contain("AuthenticationException"));
            Assert.That(sink.SessionCount, Is.EqualTo(1), "retrying bad credentials only risks a lockout");
            Assert.That(sink.MailFromCount, Is.Zero);
        });
    }
}
