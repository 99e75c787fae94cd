namespace EmailGuard.Policy.Rules;

/// <summary>Every rule the pipeline runs, in evaluation order. Adding a rule is one line here.</summary>
internal static class RuleCatalog
{
    public static IReadOnlyList<IPolicyRule> Create(TrustContext trust) =>
    [
        new SubjectNamesIndividualRule(trust),
        new PupilContactRule(trust),
        new UnapprovedAccountRule(trust),
        new MisaddressedRecipientRule(trust),
        new ExposedRecipientsRule(trust),
        new SafetyConcernRule(trust),
        new OccasionalMonitoringRule(trust),
    ];

    /// <summary>The ids configuration may name.</summary>
    public static IReadOnlyList<string> Ids { get; } = [.. Create(TrustContext.Empty).Select(r => r.Id)];
}
