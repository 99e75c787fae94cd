namespace EmailGuard.Policy;

/// <summary>
/// One rule's observation about a message. <see cref="Observe"/> findings are recorded but act as forward
/// (for rolling a rule out). Evidence can name pupils: it goes to notices and reports, never to logs.
/// </summary>
public sealed record Finding(string Rule, string Clause, RuleAction Action, bool Observe, string Evidence)
{
    /// <summary>The action this finding contributes to the verdict.</summary>
    public RuleAction EffectiveAction => Observe ? RuleAction.Forward : Action;

    /// <summary>
    /// Who receives the monitoring copy for this finding. Null (every rule but occasional-monitoring) means the
    /// configured <see cref="PolicyPipeline.MonitorAddresses"/>; otherwise exactly these addresses and nobody else
    /// (policy 7.2: an occasional-monitoring copy goes to that exercise's reviewer, not the E-safety monitor).
    /// A finding with <see cref="CopyTo"/> set is confidential to those addresses: leave it out of sender notices,
    /// E-safety copies and anything else other people see (policy 5). <see cref="Verdict.Copies"/> does the routing.
    /// </summary>
    public IReadOnlyList<string>? CopyTo { get; init; }
}
