using EmailGuard.Gateway.Delivery;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace EmailGuard.Gateway.Tests.Delivery;

public class UpstreamOptionsTests
{
    [Test]
    public void Defaults_are_valid()
        => Assert.That(new UpstreamOptions().Validate(), Is.Empty);

    [Test]
    public void Every_error_is_reported_at_once_naming_its_key()
    {
        var options = new UpstreamOptions
        {
            Mode = UpstreamMode.Smtp,
            Host = " ",
            Port = 0,
            MaxConnections = 0,
            Password = "secret",
            ConnectTimeout = TimeSpan.Zero,
            Retry = { MaxAttempts = 0, BaseDelay = TimeSpan.FromSeconds(10), MaxDelay = TimeSpan.FromSeconds(1) },
            CircuitBreaker = { FailureRatio = 1.5, MinimumThroughput = 1, BreakDuration = TimeSpan.FromMilliseconds(100) },
        };

        var errors = options.Validate();

        Assert.That(errors, Is.EquivalentTo(new[]
        {
            "EmailGuard:Upstream:Host is required when Mode is Smtp",
            "EmailGuard:Upstream:Port must be between 1 and 65535 (was 0)",
            "EmailGuard:Upstream:Username is required when EmailGuard:Upstream:Password is set",
            "EmailGuard:Upstream:MaxConnections must be at least 1 (was 0)",
            "EmailGuard:Upstream:ConnectTimeout must be between 00:00:00.01 and 24:00:00 (was 00:00:00)",
            "EmailGuard:Upstream:Retry:MaxAttempts must be at least 1 (was 0)",
            "EmailGuard:Upstream:Retry:MaxDelay must be between BaseDelay and 24:00:00 (was 00:00:01)",
            "EmailGuard:Upstream:CircuitBreaker:FailureRatio must be greater than 0 and at most 1 (was 1.5)",
            "EmailGuard:Upstream:CircuitBreaker:MinimumThroughput must be at least 2 (was 1)",
            "EmailGuard:Upstream:CircuitBreaker:BreakDuration must be between 00:00:00.5 and 24:00:00 (was 00:00:00.1000000)",
        }));
    }

    [Test]
    public void A_host_with_pickup_mode_is_refused_because_nothing_would_be_relayed()
    {
        var errors = new UpstreamOptions { Host = "relay.trust.example" }.Validate();

        Assert.That(errors, Has.One.Contains("Host is set but Mode is Pickup").And.Contains("Mode to Smtp"));
    }

    [Test]
    public void Binds_from_the_EmailGuard_Upstream_section()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["EmailGuard:Upstream:Mode"] = "Smtp",
            ["EmailGuard:Upstream:Host"] = "relay.trust.example",
            ["EmailGuard:Upstream:Tls"] = "Implicit",
            ["EmailGuard:Upstream:CommandTimeout"] = "00:02:00",
            ["EmailGuard:Upstream:Retry:MaxAttempts"] = "5",
            ["EmailGuard:Upstream:CircuitBreaker:BreakDuration"] = "00:01:00",
        }).Build();

        var options = configuration.GetSection(UpstreamOptions.SectionName).Get<UpstreamOptions>()!;

        Assert.Multiple(() =>
        {
            Assert.That(options.Mode, Is.EqualTo(UpstreamMode.Smtp));
            Assert.That(options.Host, Is.EqualTo("relay.trust.example"));
            Assert.That(options.Tls, Is.EqualTo(UpstreamTls.Implicit));
            Assert.That(options.CommandTimeout, Is.EqualTo(TimeSpan.FromMinutes(2)));
            Assert.That(options.Retry.MaxAttempts, Is.EqualTo(5));
            Assert.That(options.Retry.BaseDelay, Is.EqualTo(TimeSpan.FromSeconds(1)), "unset keys keep their defaults");
            Assert.That(options.CircuitBreaker.BreakDuration, Is.EqualTo(TimeSpan.FromMinutes(1)));
            Assert.That(options.Validate(), Is.Empty);
        });
    }

    [Test]
    public void Options_validator_fails_with_every_error()
    {
        var result = new UpstreamOptionsValidator().Validate(null, new UpstreamOptions { Mode = UpstreamMode.Smtp, MaxConnections = 0 });

        Assert.That(result.Failures, Is.EquivalentTo(new[]
        {
            "EmailGuard:Upstream:Host is required when Mode is Smtp",
            "EmailGuard:Upstream:MaxConnections must be at least 1 (was 0)",
        }));
    }

    [Test]
    public void Pickup_mode_does_not_need_a_host()
        => Assert.That(new UpstreamOptions { Mode = UpstreamMode.Pickup, Host = null }.Validate(), Is.Empty);

    [Test]
    public void Factory_refuses_invalid_options_listing_every_error()
    {
        var options = new UpstreamOptions { Mode = UpstreamMode.Smtp, Port = -1 };

        var error = Assert.Throws<ArgumentException>(() => UpstreamFactory.Create(options, ".", TimeProvider.System, NullLoggerFactory.Instance));

        Assert.That(error!.Message, Does.Contain("Host is required").And.Contain("Port must be"));
    }

    [Test]
    public async Task Factory_builds_an_SMTP_upstream_for_Smtp_mode()
    {
        var options = new UpstreamOptions { Mode = UpstreamMode.Smtp, Host = "127.0.0.1" };

        await using var upstream = UpstreamFactory.Create(options, ".", TimeProvider.System, NullLoggerFactory.Instance);

        Assert.That(upstream, Is.TypeOf<SmtpUpstream>());
    }
}
