using EmailGuard.Policy.Addresses;
using EmailGuard.Policy.Configuration;

namespace EmailGuard.Policy.Rules;

/// <summary>A rule with its configuration applied: action, observe and exceptions.</summary>
internal sealed class ConfiguredRule
{
    private readonly AddressList _senderExceptions;
    private readonly AddressList _recipientExceptions;

    public ConfiguredRule(IPolicyRule rule, RuleSettings? settings)
    {
        Rule = rule;
        Enabled = settings?.Enabled ?? true;
        Observe = settings?.Observe ?? false;
        Action = settings?.Action is { } text && PolicySettingsValidator.TryParseAction(text, out var action)
            ? action
            : rule.DefaultAction;
        _senderExceptions = new AddressList(settings?.Exceptions.Senders ?? []);
        _recipientExceptions = new AddressList(settings?.Exceptions.Recipients ?? []);
    }

    public IPolicyRule Rule { get; }

    public bool Enabled { get; }

    public bool Observe { get; }

    public RuleAction Action { get; }

    public bool ExemptsSender(MessageFacts message) =>
        !_senderExceptions.IsEmpty && message.ResponsibleSender is { } sender && _senderExceptions.Contains(sender);

    /// <summary>A hit about one recipient is dropped when that recipient is excepted; a whole-message hit when all are.</summary>
    public bool ExemptsHit(RuleHit hit, MessageFacts message)
    {
        if (_recipientExceptions.IsEmpty)
        {
            return false;
        }
        return hit.Recipient is { } recipient
            ? _recipientExceptions.Contains(recipient)
            : message.EnvelopeRecipients.Count > 0 && message.EnvelopeRecipients.TrueForAll(_recipientExceptions.Contains);
    }
}
