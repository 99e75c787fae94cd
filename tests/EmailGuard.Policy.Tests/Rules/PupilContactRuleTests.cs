namespace EmailGuard.Policy.Tests.Rules;

public class PupilContactRuleTests
{
    private const string Rule = "pupil-contact";
    private static readonly PolicyPipeline Pipeline = TestTrust.Pipeline();

    [TestCase("someone@gmail.com", "zoe.smith@pupils.oakfield-trust.example", TestName = "Personal_account_writing_to_pupil_school_address_is_held")]
    [TestCase("someone@gmail.com", "new.pupil@pupils.oakfield-trust.example", TestName = "Personal_account_writing_to_unlisted_pupil_domain_address_is_held")]
    [TestCase(TestTrust.Teacher, "zoe.s@gmail.com", TestName = "Staff_writing_to_pupil_personal_address_is_held")]
    [TestCase(TestTrust.Teacher, "NOWAK.family@Outlook.com", TestName = "Staff_writing_to_pupil_personal_address_in_other_case_is_held")]
    [TestCase("stranger@oakfield-trust.example", "ann.lee@pupils.oakfield-trust.example", TestName = "Unlisted_trust_account_writing_to_pupil_is_held")]
    public void Contact_outside_approved_channels_is_held(string sender, string recipient)
    {
        var message = TestTrust.Parse($"From: {sender}", $"To: {recipient}", "Subject: Homework");

        var verdict = Pipeline.Evaluate(message, TestTrust.Envelope(sender, recipient));

        Assert.That(verdict.FindingsOf(Rule).Single().Action, Is.EqualTo(RuleAction.Hold));
    }

    [TestCase(TestTrust.Teacher, "zoe.smith@pupils.oakfield-trust.example", TestName = "Staff_writing_to_pupil_school_address_passes")]
    [TestCase(TestTrust.Platform, "ann.lee@pupils.oakfield-trust.example", TestName = "Learning_platform_writing_to_pupil_passes")]
    [TestCase(TestTrust.Office, "john.smith@PUPILS.oakfield-trust.example", TestName = "Approved_shared_mailbox_writing_to_pupil_passes")]
    [TestCase(TestTrust.Teacher, "parent@example.net", TestName = "Staff_writing_to_non_pupil_passes")]
    public void Contact_through_approved_channels_passes(string sender, string recipient)
    {
        var message = TestTrust.Parse($"From: {sender}", $"To: {recipient}", "Subject: Homework");

        var verdict = Pipeline.Evaluate(message, TestTrust.Envelope(sender, recipient));

        Assert.That(verdict.FindingsOf(Rule), Is.Empty);
    }

    [Test]
    public void Pupil_personal_address_only_in_cc_header_is_held()
    {
        var message = TestTrust.Parse($"From: {TestTrust.Teacher}", "To: parent@example.net", "Cc: zoe.s@gmail.com", "Subject: Trip");

        var verdict = Pipeline.Evaluate(message, TestTrust.Envelope());

        Assert.That(verdict.FindingsOf(Rule).Single().Evidence, Does.Contain("P001").And.Contain("personal"));
    }
}
