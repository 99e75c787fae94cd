using MailKit.Net.Smtp;
using MimeKit;

namespace EmailGuard.Gateway.Delivery;

/// <summary>
/// MailKit's client, changed in the three places where its defaults fight a relay: it records each
/// recipient's reply instead of giving up at the first refusal, it does not re-encode a
/// <see cref="RawMimePart"/>, and it measures the raw bytes for SIZE= without writing them out.
/// </summary>
internal sealed class DeliverySmtpClient : SmtpClient
{
    // Reference equality: the same address may appear twice in an envelope and each entry gets its own result.
    private readonly HashSet<MailboxAddress> _accepted = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<MailboxAddress, SmtpResponse> _refused = new(ReferenceEqualityComparer.Instance);

    /// <summary>Set when every RCPT was refused; MailKit still throws afterwards, and that throw is not a failure.</summary>
    public bool NoRecipientsAccepted { get; private set; }

    public void BeginTransaction()
    {
        _accepted.Clear();
        _refused.Clear();
        NoRecipientsAccepted = false;
    }

    public bool WasAccepted(MailboxAddress mailbox) => _accepted.Contains(mailbox);

    public SmtpResponse? RefusalOf(MailboxAddress mailbox) => _refused.GetValueOrDefault(mailbox);

    protected override void OnRecipientAccepted(MimeMessage message, MailboxAddress mailbox, SmtpResponse response)
        => _accepted.Add(mailbox);

    // The default throws, which would abandon the recipients the relay did accept.
    protected override void OnRecipientNotAccepted(MimeMessage message, MailboxAddress mailbox, SmtpResponse response)
        => _refused[mailbox] = response;

    protected override void OnNoRecipientsAccepted(MimeMessage message) => NoRecipientsAccepted = true;

    // The default calls MimeMessage.Prepare, which rewrites long lines as quoted-printable, adds
    // MIME-Version and downgrades 8-bit content: all of which would change the bytes we were given.
    protected override void Prepare(FormatOptions options, MimeMessage message, EncodingConstraint constraint, int maxLineLength)
    {
        if (message.Body is not RawMimePart)
        {
            base.Prepare(options, message, constraint, maxLineLength);
        }
    }

    protected override long GetSize(FormatOptions options, MimeMessage message, CancellationToken cancellationToken)
        => message.Body is RawMimePart raw ? raw.WireLength : base.GetSize(options, message, cancellationToken);

    protected override Task<long> GetSizeAsync(FormatOptions options, MimeMessage message, CancellationToken cancellationToken)
        => message.Body is RawMimePart raw ? Task.FromResult(raw.WireLength) : base.GetSizeAsync(options, message, cancellationToken);
}
