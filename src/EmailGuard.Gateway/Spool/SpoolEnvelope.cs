using EmailGuard.Policy;

namespace EmailGuard.Gateway.Spool;

/// <summary>Why a message is in the spool: mail we received, or a notice we wrote ourselves (never bounced, never re-checked).</summary>
public enum SpoolKind
{
    Message,
    Notice,
}

/// <summary>
/// Everything the spool keeps beside the bytes: the envelope as received, where it came from, and the verdict.
/// Written once, with the message, before the client hears 250.
/// </summary>
public sealed record SpoolEnvelope(
    string Id,
    SpoolKind Kind,
    string MailFrom,
    IReadOnlyList<string> Recipients,
    string ClientAddress,
    DateTimeOffset ReceivedAt,
    RuleAction Action,
    IReadOnlyList<Finding> Findings)
{
    public bool IsNullSender => MailFrom.Length == 0;

    /// <summary>
    /// Whether the sender may get a notice about this message: only for mail we received (never a notice about a
    /// notice), never to the null sender, never outside the Trust (no backscatter).
    /// </summary>
    public bool SenderMayBeNotified(PolicyPipeline policy) => Kind == SpoolKind.Message && !IsNullSender && policy.IsTrustAddress(MailFrom);
}
