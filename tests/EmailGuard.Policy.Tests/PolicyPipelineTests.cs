using EmailGuard.Policy.Configuration;

namespace EmailGuard.Policy.Tests;

public class PolicyPipelineTests
{
    // Names a pupil (reject) and goes to a pupil's personal address (hold).
    private static MimeKit.MimeMessage TwoRuleMessage => TestTrust.Parse(
        $"From: {TestTrust.Teacher}", "To: zoe.s@gmail.com", "Subject: Zoe Smith");

    private static readonly Envelope TwoRuleEnvelope = TestTrust.Envelope(TestTrust.Teacher, "zoe.s@gmail.com");

    private static RuleSettings RuleOf(PolicySettings settings, string id) =>
        settings.Rules.TryGetValue(id, out var rule) ? rule : settings.Rules[id] = new RuleSettings();

    [Test]
    public void Verdict_is_the_most_severe_action_and_lists_every_finding()
    {
        var verdict = TestTrust.Pipeline().Evaluate(TwoRuleMessage, TwoRuleEnvelope);

        Assert.That(verdict.Action, Is.EqualTo(RuleAction.Reject));
        Assert.That(verdict.Findings.Select(f => f.Rule), Is.EquivalentTo(new[] { "subject-names-individual", "pupil-contact" }));
    }

    [Test]
    public void Observed_rule_is_recorded_but_acts_as_forward()
    {
        var pipeline = TestTrust.Pipeline(s => RuleOf(s, "subject-names-individual").Observe = true);

        var verdict = pipeline.Evaluate(TwoRuleMessage, TwoRuleEnvelope);

        Assert.That(verdict.Action, Is.EqualTo(RuleAction.Hold));
        Assert.That(verdict.FindingsOf("subject-names-individual").Single().Observe, Is.True);
    }

    [Test]
    public void Disabled_rule_produces_no_findings()
    {
        var pipeline = TestTrust.Pipeline(s => RuleOf(s, "subject-names-individual").Enabled = false);

        var verdict = pipeline.Evaluate(TwoRuleMessage, TwoRuleEnvelope);

        Assert.That(verdict.FindingsOf("subject-names-individual"), Is.Empty);
        Assert.That(verdict.Action, Is.EqualTo(RuleAction.Hold));
    }

    [TestCase("monitor", RuleAction.Monitor, TestName = "Configured_lower_action_lowers_the_verdict")]
    [TestCase("REJECT", RuleAction.Reject, TestName = "Configured_action_name_is_case_insensitive")]
    public void Configured_action_replaces_the_default(string action, RuleAction expected)
    {
        var pipeline = TestTrust.Pipeline(s =>
        {
            RuleOf(s, "subject-names-individual").Action = action;
            RuleOf(s, "pupil-contact").Action = action;
        });

        var verdict = pipeline.Evaluate(TwoRuleMessage, TwoRuleEnvelope);

        Assert.That(verdict.FindingsOf("pupil-contact").Single().Action, Is.EqualTo(expected));
        Assert.That(verdict.Action, Is.EqualTo(expected));
    }

    [Test]
    public void Sender_exception_skips_the_rule()
    {
        var pipeline = TestTrust.Pipeline(s => RuleOf(s, "pupil-contact").Exceptions.Senders.Add("@OAKFIELD-trust.example"));

        var verdict = pipeline.Evaluate(TwoRuleMessage, TwoRuleEnvelope);

        Assert.That(verdict.FindingsOf("pupil-contact"), Is.Empty);
        Assert.That(verdict.FindingsOf("subject-names-individual"), Is.Not.Empty);
    }

    [Test]
    public void Recipient_exception_drops_findings_about_that_recipient_only()
    {
        var pipeline = TestTrust.Pipeline(s => RuleOf(s, "pupil-contact").Exceptions.Recipients.Add("zoe.s@gmail.com"));
        var message = TestTrust.Parse($"From: {TestTrust.Teacher}", "To: zoe.s@gmail.com, nowak.family@outlook.com", "Subject: Trip");

        var verdict = pipeline.Evaluate(message, TestTrust.Envelope(TestTrust.Teacher, "zoe.s@gmail.com", "nowak.family@outlook.com"));

        Assert.That(verdict.FindingsOf("pupil-contact").Single().Evidence, Does.Contain("nowak.family@outlook.com"));
    }

    [Test]
    public void Recipient_exception_covering_every_recipient_drops_whole_message_findings()
    {
        var pipeline = TestTrust.Pipeline(s => RuleOf(s, "subject-names-individual").Exceptions.Recipients.Add("social-care.example"));
        var message = TestTrust.Parse($"From: {TestTrust.Teacher}", "To: worker@social-care.example", "Subject: Zoe Smith");

        var verdict = pipeline.Evaluate(message, TestTrust.Envelope(TestTrust.Teacher, "worker@social-care.example"));

        Assert.That(verdict.Findings, Is.Empty);
        Assert.That(verdict.Action, Is.EqualTo(RuleAction.Forward));
    }

    [Test]
    public void Clean_message_is_forwarded_without_findings()
    {
        var message = TestTrust.Parse($"From: Jane Teacher <{TestTrust.Teacher}>", "To: parent@example.net", "Subject: Year 7 trip");

        var verdict = TestTrust.Pipeline().Evaluate(message, TestTrust.Envelope());

        Assert.That(verdict, Is.SameAs(Verdict.Clean));
    }

    [Test]
    public void Invalid_settings_report_every_problem_at_once()
    {
        var settings = TestTrust.Settings();
        settings.Rules["no-such-rule"] = new RuleSettings();
        settings.Rules["pupil-contact"] = new RuleSettings { Action = "block" };
        settings.Rules["exposed-recipients"] = new RuleSettings { Action = "2" };

        var ex = Assert.Throws<PolicyConfigurationException>(() => PolicyPipeline.Create(settings, TestTrust.Directory));

        Assert.That(ex!.Errors, Has.Count.EqualTo(3));
        Assert.That(ex.Errors, Has.Some.Contains("Rules:no-such-rule: unknown rule id"));
        Assert.That(ex.Errors, Has.Some.Contains("Rules:pupil-contact:Action: 'block'"));
    }

    [Test]
    public void Monitor_addresses_are_exposed_for_the_gateway()
    {
        Assert.That(TestTrust.Pipeline().MonitorAddresses, Is.EqualTo(new[] { "esafety@" + TestTrust.Domain }));
    }

    [Test]
    public void Empty_pipeline_forwards_everything_and_owns_no_addresses()
    {
        Assert.That(PolicyPipeline.Empty.Evaluate(TwoRuleMessage, TwoRuleEnvelope), Is.SameAs(Verdict.Clean));
        Assert.That(PolicyPipeline.Empty.IsTrustAddress(TestTrust.Teacher), Is.False);
    }
}
