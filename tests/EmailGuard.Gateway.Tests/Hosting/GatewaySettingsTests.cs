using EmailGuard.Gateway.Hosting;
using Microsoft.Extensions.Configuration;

namespace EmailGuard.Gateway.Tests.Hosting;

public sealed class GatewaySettingsTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Test]
    public void Defaults_listen_on_loopback_and_allow_loopback_only()
    {
        var settings = GatewaySettings.Load(Config());
        Assert.That(settings.Smtp.Endpoints, Is.EqualTo(new[] { "127.0.0.1:2525" }));
        Assert.That(settings.Smtp.AllowedNetworks, Is.EqualTo(new[] { "127.0.0.0/8", "::1/128" }));
        Assert.That(settings.Smtp.MaxMessageSize, Is.EqualTo(35 * 1024 * 1024));
        Assert.That(settings.Smtp.MaxRecipients, Is.EqualTo(500));
    }

    [Test]
    public void Every_problem_is_reported_at_once_naming_the_key()
    {
        var e = Assert.Throws<InvalidConfigurationException>(() => GatewaySettings.Load(Config(
            ("EmailGuard:Smtp:AllowedNetworks:0", "not-a-network"),
            ("EmailGuard:Smtp:MaxRecipents", "10"),
            ("EmailGuard:Smtp:MaxRecipients", "0"),
            ("EmailGuard:Delivery:Workers", "0"),
            ("EmailGuard:Bogus", "1"))));
        Assert.That(e!.Errors, Has.Some.Contains("AllowedNetworks"));
        Assert.That(e.Errors, Has.Some.Contains("EmailGuard:Smtp:MaxRecipents: unknown key"));
        Assert.That(e.Errors, Has.Some.Contains("MaxRecipients must be at least 1"));
        Assert.That(e.Errors, Has.Some.Contains("Workers"));
        Assert.That(e.Errors, Has.Some.Contains("EmailGuard:Bogus: unknown key"));
    }

    [Test]
    public void Value_of_the_wrong_type_names_the_key()
    {
        var e = Assert.Throws<InvalidConfigurationException>(() => GatewaySettings.Load(Config(("EmailGuard:Smtp:MaxSessions", "lots"))));
        Assert.That(e!.Message, Does.Contain("MaxSessions"));
    }

    [Test]
    public void Requiring_tls_without_a_certificate_is_refused()
    {
        var e = Assert.Throws<InvalidConfigurationException>(() => GatewaySettings.Load(Config(("EmailGuard:Smtp:Tls:Required", "true"))));
        Assert.That(e!.Errors, Has.Some.Contains("Tls:Required"));
    }

    [Test]
    public void Quarantine_defaults_and_errors_name_their_keys()
    {
        var settings = GatewaySettings.Load(Config());
        Assert.That(settings.Quarantine.Retention, Is.EqualTo(TimeSpan.FromDays(30)));
        Assert.That(settings.Quarantine.NotifyOnHold, Is.True);
        Assert.That(settings.Quarantine.CopyHeldToMonitor, Is.True);
        var e = Assert.Throws<InvalidConfigurationException>(() => GatewaySettings.Load(Config(
            ("EmailGuard:Quarantine:Retension", "1.00:00:00"),
            ("EmailGuard:Quarantine:Retention", "-1.00:00:00"))));
        Assert.That(e!.Errors, Has.Some.Contains("EmailGuard:Quarantine:Retension: unknown key"));
        Assert.That(e.Errors, Has.Some.Contains("EmailGuard:Quarantine:Retention must be positive"));
    }
}
