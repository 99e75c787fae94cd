namespace EmailGuard.Policy.Rules;

/// <summary>
/// Policy 4.4, 6.2, 6.8: staff write to pupils only from an approved Trust account or the learning platform,
/// and only to the pupil's Trust account. Fires for a pupil recipient (an address in a pupil domain or listed
/// in pupils.csv) when the sender is not approved, or when the address is the pupil's personal one.
/// </summary>
internal sealed class PupilContactRule(TrustContext trust) : IPolicyRule
{
    public string Id => "pupil-contact";

    public string Clause => "4.4, 6.2, 6.8";

    public RuleAction DefaultAction => RuleAction.Hold;

    public void Evaluate(MessageFacts message, List<RuleHit> hits)
    {
        var sender = message.ResponsibleSender;
        var senderApproved = sender is { } s && trust.IsApprovedSender(s);
        foreach (var recipient in message.AllRecipients)
        {
            var listed = trust.FindPupil(recipient);
            if (listed is null && !trust.IsPupilDomain(recipient.Domain))
            {
                continue;
            }
            var who = listed is null ? "an address in a pupil domain" : $"pupil UPN {listed.Pupil.Upn}";
            if (listed is { Personal: true })
            {
                hits.Add(new RuleHit($"Recipient {recipient} is the personal (non-Trust) address of {who}", recipient));
            }
            else if (!senderApproved)
            {
                var from = sender?.ToString() ?? "(no sender address)";
                hits.Add(new RuleHit(
                    $"Recipient {recipient} is {who}, and sender {from} is not an approved Trust account or learning-platform sender",
                    recipient));
            }
        }
    }
}
