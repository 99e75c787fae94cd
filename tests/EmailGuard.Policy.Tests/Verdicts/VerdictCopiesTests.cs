namespace EmailGuard.Policy.Tests.Verdicts;

public class VerdictCopiesTests
{
    private static readonly string[] Monitors = ["esafety@t.example", "ceo@t.example"];

    private static Finding Make(string rule, RuleAction action, string[]? copyTo = null, bool observe = false) =>
        new(rule, "x", action, observe, "evidence") { CopyTo = copyTo };

    [Test]
    public void Each_recipient_sees_only_the_findings_routed_to_them()
    {
        var safety = Make("safety-concern", RuleAction.Monitor);
        var occasional = Make("occasional-monitoring", RuleAction.Monitor, ["HR@t.example"]);
        var verdict = Verdict.From([safety, occasional, Make("occasional-monitoring", RuleAction.Monitor, ["hr@T.example"])]);

        var copies = verdict.Copies(Monitors);

        Assert.That(copies.Select(c => c.Address), Is.EqualTo(new[] { "esafety@t.example", "ceo@t.example", "HR@t.example" }));
        Assert.That(copies[0].Findings, Is.EqualTo(new[] { safety }));
        Assert.That(copies[2].Findings, Has.Count.EqualTo(2).And.All.Property(nameof(Finding.Rule)).EqualTo("occasional-monitoring"));
    }

    [Test]
    public void Forward_and_observed_findings_are_not_copied_and_the_minimum_is_respected()
    {
        var verdict = Verdict.From([
            Make("exposed-recipients", RuleAction.Hold),
            Make("safety-concern", RuleAction.Monitor, observe: true),
            Make("occasional-monitoring", RuleAction.Monitor, ["hr@t.example"]),
        ]);

        Assert.That(verdict.Copies(Monitors, RuleAction.Hold).Select(c => c.Address), Is.EqualTo(Monitors));
        Assert.That(verdict.Copies(Monitors).Select(c => c.Address), Is.EqualTo(new[] { "esafety@t.example", "ceo@t.example", "hr@t.example" }));
    }

    [Test]
    public void Finding_without_copy_to_keeps_the_positional_constructor()
    {
        var finding = new Finding("r", "1", RuleAction.Monitor, false, "e");

        Assert.That(finding.CopyTo, Is.Null);
    }
}
