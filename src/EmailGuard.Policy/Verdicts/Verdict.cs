namespace EmailGuard.Policy;

/// <summary>The pipeline's answer for one message: the most severe effective action and every finding.</summary>
public sealed record Verdict(RuleAction Action, IReadOnlyList<Finding> Findings)
{
    public static Verdict Clean { get; } = new(RuleAction.Forward, []);

    public static Verdict From(IReadOnlyList<Finding> findings)
    {
        var action = RuleAction.Forward;
        foreach (var f in findings)
        {
            if (f.EffectiveAction > action)
            {
                action = f.EffectiveAction;
            }
        }
        return new Verdict(action, findings);
    }
}
