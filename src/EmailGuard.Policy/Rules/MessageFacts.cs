using EmailGuard.Policy.Addresses;
using MimeKit;

namespace EmailGuard.Policy.Rules;

/// <summary>
/// The parts of one message the rules look at, parsed once: the envelope as addresses and the
/// address headers as (display name, address) pairs. Unparseable addresses are kept as text for evidence.
/// </summary>
internal sealed class MessageFacts
{
    public MessageFacts(MimeMessage message, Envelope envelope)
    {
        Message = message;
        Envelope = envelope;
        EnvelopeSender = MailAddress.TryParse(envelope.MailFrom, out var sender) ? sender : null;
        EnvelopeRecipients = [];
        foreach (var rcpt in envelope.Recipients)
        {
            if (MailAddress.TryParse(rcpt, out var address))
            {
                EnvelopeRecipients.Add(address);
            }
        }
        From = Mailboxes(message.From);
        Sender = message.Sender is null ? [] : Mailboxes([message.Sender]);
        ToAndCc = [.. Mailboxes(message.To), .. Mailboxes(message.Cc)];
        // The null sender has no address; rules that care about "who sent it" fall back to From.
        ResponsibleSender = EnvelopeSender
            ?? (envelope.IsNullSender && From.Count > 0 ? From[0].Address : null);
    }

    public MimeMessage Message { get; }

    public Envelope Envelope { get; }

    public MailAddress? EnvelopeSender { get; }

    public List<MailAddress> EnvelopeRecipients { get; }

    public List<HeaderMailbox> From { get; }

    public List<HeaderMailbox> Sender { get; }

    public List<HeaderMailbox> ToAndCc { get; }

    /// <summary>The envelope sender, or the first From address for the null sender.</summary>
    public MailAddress? ResponsibleSender { get; }

    /// <summary>Envelope recipients then To/Cc addresses, each once.</summary>
    public IEnumerable<MailAddress> AllRecipients =>
        EnvelopeRecipients.Concat(ToAndCc.Where(m => m.Address is not null).Select(m => m.Address!.Value)).Distinct();

    private static List<HeaderMailbox> Mailboxes(IEnumerable<InternetAddress> list)
    {
        var result = new List<HeaderMailbox>();
        foreach (var address in list)
        {
            if (address is MailboxAddress mailbox)
            {
                Add(result, mailbox);
            }
            else if (address is GroupAddress group)
            {
                foreach (var member in group.Members.Mailboxes)
                {
                    Add(result, member);
                }
            }
        }
        return result;
    }

    private static void Add(List<HeaderMailbox> result, MailboxAddress mailbox) =>
        result.Add(new HeaderMailbox(
            mailbox.Name ?? string.Empty,
            MailAddress.TryParse(mailbox.Address, out var parsed) ? parsed : null,
            mailbox.Address ?? string.Empty));
}

/// <summary>A mailbox from an address header; <see cref="Address"/> is null when it is not a usable address.</summary>
internal sealed record HeaderMailbox(string DisplayName, MailAddress? Address, string Text);
