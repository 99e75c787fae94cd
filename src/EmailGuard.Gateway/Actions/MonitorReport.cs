using System.Text;
using EmailGuard.Gateway.Spool;
using EmailGuard.Policy;
using MimeKit;

namespace EmailGuard.Gateway.Actions;

/// <summary>
/// The copy an E-safety monitor receives (policy 7.2.1): a short summary of what was flagged and what became of the
/// message, with the original attached unaltered as <c>message/rfc822</c>. Headers are ours; the original's
/// subject and addresses travel only inside the attachment and the body.
/// </summary>
public static class MonitorReport
{
    public static MimeMessage Build(SpoolEnvelope original, ReadOnlyMemory<byte> raw, string monitor, string outcome, NoticeContext context)
    {
        var flagged = original.Findings.Where(f => f.EffectiveAction != RuleAction.Forward).ToList();
        var summary = new StringBuilder()
            .AppendLine("An email sent through the Trust's email gateway was flagged by the email policy.")
            .AppendLine("The original is attached exactly as it was sent.")
            .AppendLine()
            .AppendLine($"What happened: {outcome}")
            .AppendLine($"Reference:     {original.Id}")
            .AppendLine($"Received:      {SenderNotice.Time(original.ReceivedAt)}")
            .AppendLine($"Sender:        {(original.IsNullSender ? "(null sender)" : original.MailFrom)}")
            .AppendLine($"Recipients:    {string.Join(", ", original.Recipients)}")
            .AppendLine()
            .AppendLine("Findings:")
            .AppendLine(SenderNotice.Describe(flagged))
            .AppendLine()
            .AppendLine("This copy contains personal data: keep it only as long as the Trust's data protection policy allows (policy 5).");

        var message = new MimeMessage();
        message.From.Add(context.Postmaster);
        message.To.Add(MailboxAddress.Parse(monitor));
        message.Subject = $"E-safety copy {original.Id}: {string.Join(", ", flagged.Select(f => f.Rule).Distinct())}";
        message.Date = context.Now;
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId(context.Postmaster.Domain);
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Body = new Multipart("mixed")
        {
            new TextPart("plain") { Text = NoticeTemplates.Clean(summary.ToString().ReplaceLineEndings("\n")) },
            new RawRfc822Part(raw, $"original-{original.Id}.eml"),
        };
        return message;
    }
}
