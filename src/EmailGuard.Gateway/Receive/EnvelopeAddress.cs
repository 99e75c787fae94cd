using SmtpServer.Mail;

namespace EmailGuard.Gateway.Receive;

/// <summary>
/// Turns SmtpServer's parsed mailbox back into the address as the client meant it. SmtpServer drops the quotes of
/// a quoted local part (<c>"user@other"@host</c> arrives as user <c>user@other</c>); we re-quote so the address we
/// relay is the one we received and can never be re-read as a different destination.
/// </summary>
internal static class EnvelopeAddress
{
    public static string From(IMailbox? mailbox)
    {
        if (mailbox is null || (string.IsNullOrEmpty(mailbox.User) && string.IsNullOrEmpty(mailbox.Host)))
        {
            return "";
        }
        var user = IsDotAtom(mailbox.User) ? mailbox.User : Quote(mailbox.User);
        return string.IsNullOrEmpty(mailbox.Host) ? user : user + "@" + mailbox.Host;
    }

    private static bool IsDotAtom(string local)
    {
        if (local.Length == 0 || local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }
        foreach (var c in local)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-/=?^_`{|}~.".Contains(c, StringComparison.Ordinal) || c > 127))
            {
                return false;
            }
        }
        return true;
    }

    private static string Quote(string local) =>
        "\"" + local.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
