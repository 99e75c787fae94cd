using EmailGuard.Policy.Addresses;

namespace EmailGuard.Policy.Rules;

/// <summary>
/// Policy 4.5: "Employees may only use approved e-mail accounts." The envelope sender and every From and
/// Sender header address must be approved; a From naming another Trust account than the envelope sender is
/// sending as someone else, allowed only as delegation (a Sender header naming the envelope sender, both
/// approved). The null sender (bounces) is exempt: it has no account.
/// </summary>
internal sealed class UnapprovedAccountRule(TrustContext trust) : IPolicyRule
{
    public string Id => "unapproved-account";

    public string Clause => "4.5";

    public RuleAction DefaultAction => RuleAction.Reject;

    public void Evaluate(MessageFacts message, List<RuleHit> hits)
    {
        if (message.Envelope.IsNullSender)
        {
            return;
        }
        var envelopeSender = message.EnvelopeSender;
        if (envelopeSender is not { } sender)
        {
            hits.Add(new RuleHit("Envelope sender (MAIL FROM) is not a usable address"));
            return;
        }
        if (!trust.IsApprovedSender(sender))
        {
            hits.Add(new RuleHit($"Envelope sender {sender} is not an approved account"));
        }
        CheckHeader(message.From, "From", hits);
        CheckHeader(message.Sender, "Sender", hits);
        var delegated = message.Sender.Count == 1 && message.Sender[0].Address == sender && trust.IsApprovedSender(sender);
        foreach (var from in message.From)
        {
            if (from.Address is { } address && trust.IsTrustDomain(address.Domain) && address != sender
                && !(delegated && trust.IsApprovedSender(address)))
            {
                hits.Add(new RuleHit(
                    $"From header {address} is a Trust address other than the envelope sender {sender}, without a Sender header delegating it"));
            }
        }
    }

    private void CheckHeader(List<HeaderMailbox> mailboxes, string header, List<RuleHit> hits)
    {
        foreach (var mailbox in mailboxes)
        {
            if (mailbox.Address is not { } address)
            {
                hits.Add(new RuleHit($"{header} header has an address that cannot be parsed"));
            }
            else if (!trust.IsApprovedSender(address))
            {
                hits.Add(new RuleHit($"{header} header address {address} is not an approved account"));
            }
        }
    }
}
