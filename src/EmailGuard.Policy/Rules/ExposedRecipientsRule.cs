namespace EmailGuard.Policy.Rules;

/// <summary>
/// Policy 5 and 4.2: every To/Cc recipient sees every other one, so a message to many outside addresses
/// discloses them all (typically parents' personal addresses). Fires above the configured threshold.
/// </summary>
internal sealed class ExposedRecipientsRule(TrustContext trust) : IPolicyRule
{
    private readonly int _threshold = trust.Settings.ExposedRecipientsThreshold;

    public string Id => "exposed-recipients";

    public string Clause => "5, 4.2";

    public RuleAction DefaultAction => RuleAction.Hold;

    public void Evaluate(MessageFacts message, List<RuleHit> hits)
    {
        var external = message.ToAndCc
            .Where(m => m.Address is { } a && !trust.IsTrustDomain(a.Domain))
            .Select(m => m.Address!.Value)
            .Distinct()
            .Count();
        if (external > _threshold)
        {
            hits.Add(new RuleHit(
                $"{external} external addresses are visible to each other in To/Cc (more than {_threshold}); use Bcc"));
        }
    }
}
