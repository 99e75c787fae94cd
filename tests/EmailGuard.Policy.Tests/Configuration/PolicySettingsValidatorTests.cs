using EmailGuard.Policy.Configuration;

namespace EmailGuard.Policy.Tests.Configuration;

public class PolicySettingsValidatorTests
{
    [TestCase("forward", true)]
    [TestCase(" Hold ", true)]
    [TestCase("REJECT", true)]
    [TestCase("3", false)]
    [TestCase("block", false)]
    [TestCase("", false)]
    public void Only_action_names_are_accepted(string text, bool valid)
    {
        Assert.That(PolicySettingsValidator.TryParseAction(text, out _), Is.EqualTo(valid));
    }

    [Test]
    public void Missing_trust_domains_and_bad_addresses_are_reported_by_key()
    {
        var settings = new PolicySettings
        {
            ApprovedAccounts = ["ok@trust.example", "not-an-address"],
            ExposedRecipientsThreshold = 0,
        };

        var errors = PolicySettingsValidator.Validate(settings, PolicyPipeline.RuleIds.ToList());

        Assert.That(errors, Is.EquivalentTo(new[]
        {
            "TrustDomains: at least one Trust domain is required",
            "ApprovedAccounts:1: not an email address",
            "ExposedRecipientsThreshold: must be at least 1",
        }));
    }

    [Test]
    public void Configured_mail_providers_replace_the_defaults()
    {
        var settings = new PolicySettings { MailProviderDomains = ["only.example"] };

        Assert.That(settings.EffectiveMailProviderDomains, Is.EqualTo(new[] { "only.example" }));
        Assert.That(new PolicySettings().EffectiveMailProviderDomains, Does.Contain("gmail.com"));
    }
}
