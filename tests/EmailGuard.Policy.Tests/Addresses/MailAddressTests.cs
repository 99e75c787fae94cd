using EmailGuard.Policy.Addresses;

namespace EmailGuard.Policy.Tests.Addresses;

public class MailAddressTests
{
    [TestCase("Zoe@Schüle.Example", "zoe@xn--schle-mva.example", TestName = "Unicode_domain_equals_its_punycode")]
    [TestCase("<J.Teacher@OAKFIELD-Trust.example>", "j.teacher@oakfield-trust.example", TestName = "Case_and_brackets_are_ignored")]
    [TestCase("a@trust.example.", "a@trust.example", TestName = "Trailing_root_dot_is_ignored")]
    public void Addresses_compare_in_one_form(string input, string expected)
    {
        Assert.That(MailAddress.TryParse(input, out var address), Is.True);
        Assert.That(address.ToString(), Is.EqualTo(expected));
    }

    [TestCase("")]
    [TestCase("no-at-sign")]
    [TestCase("@domain.only")]
    [TestCase("local@")]
    [TestCase("two words@x.example")]
    public void Non_addresses_are_refused(string input)
    {
        Assert.That(MailAddress.TryParse(input, out _), Is.False);
    }

    [Test]
    public void Is_trust_address_matches_unicode_and_punycode_domains()
    {
        var pipeline = PolicyPipeline.Create(
            new EmailGuard.Policy.Configuration.PolicySettings { TrustDomains = ["schüle.example"] }, EmailGuard.Policy.People.TrustDirectory.Empty);

        Assert.That(pipeline.IsTrustAddress("head@XN--SCHLE-MVA.example"), Is.True);
        Assert.That(pipeline.IsTrustAddress("head@schule.example"), Is.False);
    }
}
