namespace EmailGuard.Policy;

/// <summary>
/// One rule's observation about a message. <see cref="Observe"/> findings are recorded but act as forward
/// (for rolling a rule out). Evidence can name pupils: it goes to notices and reports, never to logs.
/// </summary>
public sealed record Finding(string Rule, string Clause, RuleAction Action, bool Observe, string Evidence)
{
    /// <summary>The action this finding contributes to the verdict.</summary>
    public RuleAction EffectiveAction => Observe ? RuleAction.Forward : Action;
}
