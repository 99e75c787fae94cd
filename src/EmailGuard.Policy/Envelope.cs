namespace EmailGuard.Policy;

/// <summary>
/// The SMTP envelope exactly as received: MAIL FROM and every RCPT TO.
/// <see cref="MailFrom"/> is the empty string for the null sender <c>&lt;&gt;</c>.
/// </summary>
public sealed record Envelope(string MailFrom, IReadOnlyList<string> Recipients)
{
    public bool IsNullSender => MailFrom.Length == 0;
}
