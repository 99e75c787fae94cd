namespace EmailGuard.Policy.Tests.Rules;

public class UnapprovedAccountRuleTests
{
    private const string Rule = "unapproved-account";
    private static readonly PolicyPipeline Pipeline = TestTrust.Pipeline();

    [TestCase("stranger@oakfield-trust.example", "From: stranger@oakfield-trust.example", TestName = "Unlisted_trust_account_is_rejected")]
    [TestCase("teacher.home@gmail.com", "From: teacher.home@gmail.com", TestName = "Personal_account_is_rejected")]
    [TestCase(TestTrust.Teacher, "From: teacher.home@gmail.com", TestName = "Approved_envelope_with_personal_header_from_is_rejected")]
    [TestCase(TestTrust.Teacher, "From: m.head@oakfield-trust.example", TestName = "Header_from_another_trust_account_is_rejected")]
    [TestCase(TestTrust.Teacher, "Sender: someone@gmail.com", TestName = "Unapproved_sender_header_is_rejected")]
    [TestCase("not an address", "From: j.teacher@oakfield-trust.example", TestName = "Unparseable_envelope_sender_is_rejected")]
    public void Unapproved_account_is_rejected(string mailFrom, string header)
    {
        var message = header.StartsWith("From:", StringComparison.Ordinal)
            ? TestTrust.Parse(header, "To: parent@example.net", "Subject: Hello")
            : TestTrust.Parse($"From: {TestTrust.Teacher}", header, "To: parent@example.net", "Subject: Hello");

        var verdict = Pipeline.Evaluate(message, TestTrust.Envelope(mailFrom));

        Assert.That(verdict.FindingsOf(Rule), Is.Not.Empty);
        Assert.That(verdict.Action, Is.EqualTo(RuleAction.Reject));
    }

    [TestCase(TestTrust.Teacher, "From: Jane Teacher <J.Teacher@OAKFIELD-TRUST.example>", TestName = "Approved_account_in_other_case_passes")]
    [TestCase(TestTrust.Office, "From: office@oakfield-trust.example", TestName = "Approved_shared_mailbox_passes")]
    [TestCase(TestTrust.Platform, "From: noreply@learning-platform.example", TestName = "Learning_platform_sender_passes")]
    [TestCase("", "From: mailer-daemon@somewhere.example", TestName = "Null_sender_is_exempt")]
    public void Approved_account_passes(string mailFrom, string header)
    {
        var message = TestTrust.Parse(header, "To: parent@example.net", "Subject: Hello");

        var verdict = Pipeline.Evaluate(message, TestTrust.Envelope(mailFrom));

        Assert.That(verdict.FindingsOf(Rule), Is.Empty);
    }

    [Test]
    public void Delegated_sending_with_sender_header_passes()
    {
        var message = TestTrust.Parse(
            $"From: {TestTrust.Office}", $"Sender: {TestTrust.Teacher}", "To: parent@example.net", "Subject: Newsletter");

        var verdict = Pipeline.Evaluate(message, TestTrust.Envelope(TestTrust.Teacher));

        Assert.That(verdict.FindingsOf(Rule), Is.Empty);
    }

    [Test]
    public void Delegation_claimed_for_another_account_is_rejected()
    {
        var message = TestTrust.Parse(
            $"From: {TestTrust.Office}", "Sender: m.head@oakfield-trust.example", "To: parent@example.net", "Subject: Newsletter");

        var verdict = Pipeline.Evaluate(message, TestTrust.Envelope(TestTrust.Teacher));

        Assert.That(verdict.FindingsOf(Rule).Single().Evidence, Does.Contain("other than the envelope sender"));
    }
}
