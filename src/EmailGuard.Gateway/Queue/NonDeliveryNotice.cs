using System.Text;
using EmailGuard.Gateway.Spool;
using MimeKit;

namespace EmailGuard.Gateway.Queue;

/// <summary>
/// The one notice a Trust sender gets when recipients could not be reached. Sent from the null sender (so it can
/// never bounce back in a loop) with Auto-Submitted (RFC 3834) so auto-responders stay quiet. Addresses go in the
/// body only, never into a header we did not build ourselves.
/// </summary>
internal static class NonDeliveryNotice
{
    public static MimeMessage Build(SpoolEnvelope original, IReadOnlyList<FailedRecipient> failed, MailboxAddress postmaster, DateTimeOffset now)
    {
        var message = new MimeMessage();
        message.From.Add(postmaster);
        message.To.Add(new MailboxAddress("", original.MailFrom));
        message.Subject = failed.Count == 1
            ? "Undelivered mail: 1 recipient could not be reached"
            : $"Undelivered mail: {failed.Count} recipients could not be reached";
        message.Date = now;
        message.Headers.Add("Auto-Submitted", "auto-replied");
        var body = new StringBuilder()
            .AppendLine("Your message could not be delivered to the recipients below.")
            .AppendLine()
            .AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"Sent:     {original.ReceivedAt:yyyy-MM-dd HH:mm} UTC")
            .AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"Queue id: {original.Id}")
            .AppendLine();
        foreach (var f in failed)
        {
            body.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"  {f.Recipient}")
                .AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"    the receiving server said: {f.Reply}");
        }
        body.AppendLine()
            .AppendLine("What to do next: check each address for typing mistakes and send the message again.")
            .AppendLine("If an address is right and it still fails, forward this notice to the IT office.");
        message.Body = new TextPart("plain") { Text = body.ToString() };
        return message;
    }
}
