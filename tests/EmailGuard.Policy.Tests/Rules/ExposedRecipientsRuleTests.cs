namespace EmailGuard.Policy.Tests.Rules;

public class ExposedRecipientsRuleTests
{
    private const string Rule = "exposed-recipients";

    private static EmailGuard.Policy.Verdict Send(int externalTo, int externalCc, int internalTo, int threshold = 5)
    {
        var pipeline = TestTrust.Pipeline(s => s.ExposedRecipientsThreshold = threshold);
        var to = Enumerable.Range(0, externalTo).Select(i => $"parent{i}@example.net")
            .Concat(Enumerable.Range(0, internalTo).Select(i => $"staff{i}@{TestTrust.Domain}"));
        var cc = Enumerable.Range(0, externalCc).Select(i => $"carer{i}@example.org");
        var lines = new List<string> { $"From: {TestTrust.Teacher}", "To: " + string.Join(", ", to), "Subject: Trip" };
        if (externalCc > 0)
        {
            lines.Add("Cc: " + string.Join(", ", cc));
        }
        return pipeline.Evaluate(TestTrust.Parse([.. lines]), TestTrust.Envelope());
    }

    [TestCase(6, 0, 0, 5, TestName = "Six_external_addresses_in_to_are_held")]
    [TestCase(3, 3, 0, 5, TestName = "External_addresses_split_across_to_and_cc_are_counted_together")]
    [TestCase(2, 0, 0, 1, TestName = "Configured_threshold_is_used")]
    public void Too_many_visible_external_addresses_are_held(int to, int cc, int internalTo, int threshold)
    {
        var verdict = Send(to, cc, internalTo, threshold);

        Assert.That(verdict.FindingsOf(Rule).Single().Evidence, Does.StartWith($"{to + cc} external"));
        Assert.That(verdict.Action, Is.EqualTo(RuleAction.Hold));
    }

    [TestCase(5, 0, 0, TestName = "Exactly_threshold_external_addresses_pass")]
    [TestCase(2, 0, 20, TestName = "Internal_addresses_are_not_counted")]
    public void Few_visible_external_addresses_pass(int to, int cc, int internalTo)
    {
        Assert.That(Send(to, cc, internalTo).FindingsOf(Rule), Is.Empty);
    }
}
