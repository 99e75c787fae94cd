namespace EmailGuard.Policy.Tests.Rules;

public class MisaddressedRecipientRuleTests
{
    private const string Rule = "misaddressed-recipient";
    private static readonly PolicyPipeline Pipeline = TestTrust.Pipeline();

    [TestCase("parent@gmial.com", "gmail.com", TestName = "Transposed_provider_domain_is_held")]
    [TestCase("parent@gmail.co", "gmail.com", TestName = "Truncated_provider_domain_is_held")]
    [TestCase("parent@hotmial.co.uk", "hotmail.co.uk", TestName = "Misspelt_provider_domain_is_held")]
    [TestCase("someone@oakfeild-trust.example", "oakfield-trust.example", TestName = "Transposed_trust_domain_is_held")]
    [TestCase("someone@oakfield-trst.exmple", "oakfield-trust.example", TestName = "Trust_domain_two_edits_away_is_held")]
    [TestCase("officer@norfolk-county.exampel", "norfolk-county.example", TestName = "Partner_domain_typo_is_held")]
    [TestCase("parent@xn--gmil-63d.com", "gmail.com", TestName = "Punycode_homograph_of_provider_is_held")]
    [TestCase("parent@gmаil.com", "gmail.com", TestName = "Unicode_homograph_of_provider_is_held")]
    [TestCase("someone@οakfield-trust.example", "oakfield-trust.example", TestName = "Greek_homograph_of_trust_domain_is_held")]
    public void Lookalike_domain_is_held_and_named(string recipient, string resembled)
    {
        var message = TestTrust.Parse($"From: {TestTrust.Teacher}", $"To: {recipient}", "Subject: Hello");

        var verdict = Pipeline.Evaluate(message, TestTrust.Envelope(TestTrust.Teacher, recipient));

        var finding = verdict.FindingsOf(Rule).First();
        Assert.That(finding.Evidence, Does.Contain("resembles " + resembled));
        Assert.That(verdict.Action, Is.EqualTo(RuleAction.Hold));
    }

    [TestCase("parent@gmail.com", TestName = "Real_provider_domain_passes")]
    [TestCase("parent@hotmail.co.uk", TestName = "Real_regional_provider_domain_passes")]
    [TestCase("officer@norfolk-county.example", TestName = "Partner_domain_passes")]
    [TestCase("parent@example.net", TestName = "Unrelated_domain_passes")]
    [TestCase("parent@bbc.co.uk", TestName = "Short_unrelated_domain_passes")]
    [TestCase("info@gmail.com", TestName = "Generic_local_part_at_provider_passes")]
    [TestCase("office@another-school.example", TestName = "Shared_role_local_part_passes")]
    [TestCase("j.teacher@norfolk-county.example", TestName = "Trust_local_part_at_partner_domain_passes")]
    [TestCase("eltern@xn--mller-kva.example", TestName = "Unrelated_international_domain_passes")]
    [TestCase("zoe.s@gmail.com", TestName = "Pupil_listed_personal_address_is_left_to_pupil_contact")]
    public void Ordinary_external_recipient_passes(string recipient)
    {
        var message = TestTrust.Parse($"From: {TestTrust.Teacher}", $"To: {recipient}", "Subject: Hello");

        var verdict = Pipeline.Evaluate(message, TestTrust.Envelope(TestTrust.Teacher, recipient));

        Assert.That(verdict.FindingsOf(Rule), Is.Empty);
    }

    [Test]
    public void Trust_local_part_at_foreign_domain_is_held()
    {
        var message = TestTrust.Parse($"From: {TestTrust.Teacher}", "To: j.teacher@gmail.com", "Subject: Hello");

        var verdict = Pipeline.Evaluate(message, TestTrust.Envelope(TestTrust.Teacher, "j.teacher@gmail.com"));

        Assert.That(verdict.FindingsOf(Rule).Single().Evidence, Does.Contain("j.teacher@oakfield-trust.example"));
    }

    [TestCase("\"Mark Head\" <markhead1970@example.net>", TestName = "Staff_display_name_on_external_address_is_held")]
    [TestCase("\"Zoe Smith\" <zoe.smith@example.net>", TestName = "Pupil_display_name_on_external_address_is_held")]
    [TestCase("=?UTF-8?Q?Zo=C3=AB_SMITH?= <zoe.smith@example.net>", TestName = "Encoded_pupil_display_name_on_external_address_is_held")]
    [TestCase("\"Head, Mark\" <mark@example.net>", TestName = "Surname_first_staff_display_name_on_external_address_is_held")]
    public void Known_person_display_name_on_foreign_address_is_held(string to)
    {
        var message = TestTrust.Parse($"From: {TestTrust.Teacher}", $"To: {to}", "Subject: Hello");

        var verdict = Pipeline.Evaluate(message, TestTrust.Envelope());

        Assert.That(verdict.FindingsOf(Rule).Select(f => f.Evidence), Has.Some.Contains("display name"));
    }

    [Test]
    public void Pupil_display_name_on_their_own_listed_address_is_not_misaddressed()
    {
        var message = TestTrust.Parse($"From: {TestTrust.Teacher}", "To: \"Siobhan Nowak-Price\" <nowak.family@outlook.com>", "Subject: Hello");

        var verdict = Pipeline.Evaluate(message, TestTrust.Envelope(TestTrust.Teacher, "nowak.family@outlook.com"));

        Assert.That(verdict.FindingsOf(Rule), Is.Empty);
    }
}
