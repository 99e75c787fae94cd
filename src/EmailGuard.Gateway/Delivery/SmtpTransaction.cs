using MimeKit;

namespace EmailGuard.Gateway.Delivery;

/// <summary>One message's envelope in MailKit's types, and the results for each of its recipients.</summary>
/// <remarks>
/// Addresses MimeKit cannot parse (e.g. a quoted local part whose quotes SmtpServer dropped) can never be
/// sent, so they fail with a 501-style reply instead of blocking the recipients that can. An address listed
/// twice is sent once (MailKit collapses duplicates too) and both entries get its result.
/// </remarks>
internal sealed class SmtpTransaction
{
    private const string BadRecipient = "501 5.1.3 recipient address cannot be relayed (syntax)";
    private const string BadSender = "501 5.1.7 sender address cannot be relayed (syntax)";

    private readonly IReadOnlyList<string> _recipients;
    private readonly MailboxAddress?[] _mailboxes;

    private SmtpTransaction(MailboxAddress? sender, IReadOnlyList<string> recipients)
    {
        Sender = sender;
        _recipients = recipients;
        // Same comparison as MailKit's own de-duplication (SmtpClient.ValidateArguments).
        var first = new Dictionary<string, MailboxAddress>(StringComparer.OrdinalIgnoreCase);
        var sendable = new List<MailboxAddress>();
        _mailboxes = new MailboxAddress?[recipients.Count];
        for (var i = 0; i < recipients.Count; i++)
        {
            if (TryParse(recipients[i]) is not { } parsed)
            {
                continue;
            }
            if (!first.TryGetValue(parsed.Address, out var canonical))
            {
                first.Add(parsed.Address, canonical = parsed);
                sendable.Add(parsed);
            }
            _mailboxes[i] = canonical;
        }
        Sendable = sendable;
    }

    public MailboxAddress? Sender { get; }

    public IList<MailboxAddress> Sendable { get; }

    /// <summary>The outcome when nothing can go to the relay at all; null when something can.</summary>
    public DeliveryOutcome? Unsendable => Sender is null
        ? new DeliveryOutcome([.. _recipients.Select(r => new RecipientResult(r, RecipientStatus.Failed, BadSender))])
        : Sendable.Count == 0 ? All(RecipientStatus.Failed, BadRecipient) : null;

    public static SmtpTransaction Create(string mailFrom, IReadOnlyList<string> recipients)
        => new(TryParse(mailFrom), recipients);

    /// <summary>The same result for every recipient (whole-message outcomes); unparseable ones stay Failed.</summary>
    public DeliveryOutcome All(RecipientStatus status, string reply) => Build(_ => (status, reply));

    /// <summary>Per-recipient results after a transaction: refusals keep the relay's own reply.</summary>
    public DeliveryOutcome Complete(DeliverySmtpClient client, RecipientStatus acceptedStatus, string reply)
        => Build(mailbox => client.RefusalOf(mailbox) is { } refusal
            ? (SmtpReplies.StatusOf(refusal.StatusCode), SmtpReplies.Format(refusal))
            : client.WasAccepted(mailbox)
                ? (acceptedStatus, reply)
                // Only when the transaction stopped before this RCPT was answered: never call that Delivered.
                : (acceptedStatus == RecipientStatus.Delivered ? RecipientStatus.Deferred : acceptedStatus, reply));

    private DeliveryOutcome Build(Func<MailboxAddress, (RecipientStatus Status, string Reply)> resultFor)
    {
        var results = new RecipientResult[_recipients.Count];
        for (var i = 0; i < results.Length; i++)
        {
            var (status, reply) = _mailboxes[i] is { } mailbox ? resultFor(mailbox) : (RecipientStatus.Failed, BadRecipient);
            results[i] = new RecipientResult(_recipients[i], status, reply);
        }
        return new DeliveryOutcome(results);
    }

    private static MailboxAddress? TryParse(string address)
    {
        try
        {
            // The empty string is the null sender; MailKit sends it as MAIL FROM:<>.
            return new MailboxAddress(string.Empty, address);
        }
        catch (ParseException)
        {
            return null;
        }
    }
}
