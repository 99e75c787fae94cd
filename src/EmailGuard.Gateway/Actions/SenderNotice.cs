using System.Globalization;
using EmailGuard.Gateway.Spool;
using EmailGuard.Policy;
using MimeKit;

namespace EmailGuard.Gateway.Actions;

/// <summary>Why a sender is told about their message.</summary>
public enum NoticeKind
{
    /// <summary>Held at receipt; still waiting for review.</summary>
    Held,
    /// <summary>Rejected from quarantine by a reviewer.</summary>
    Rejected,
    /// <summary>Nobody released it within the retention; deleted.</summary>
    Expired,
}

/// <summary>
/// The one notice a Trust sender gets about a held message (at hold time, and again when it is rejected or expires).
/// From the postmaster, <c>Auto-Submitted: auto-replied</c> (RFC 3834) so auto-responders stay quiet, text + HTML.
/// Every header is ours: the original subject and addresses appear in the body only, so nothing in them (CR, LF,
/// encoded words) can add a header to the notice.
/// </summary>
public static class SenderNotice
{
    public static MimeMessage Build(NoticeKind kind, SpoolEnvelope original, string? subject, string? reason, NoticeContext context)
    {
        // Only what held the message: monitor-only findings go to the E-safety monitor, and telling the sender about
        // them could tip off the person a safeguarding concern is about (policy 7.2.1).
        var findings = original.Findings.Where(f => f.EffectiveAction >= RuleAction.Hold).ToList();
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["queueId"] = original.Id,
            ["received"] = Time(original.ReceivedAt),
            ["subject"] = string.IsNullOrWhiteSpace(subject) ? "(no subject)" : subject.Trim(),
            ["recipients"] = string.Join(", ", original.Recipients),
            ["findings"] = Describe(findings),
            ["nextSteps"] = string.Join("\n", findings.Select(f => f.Rule).Distinct().Select(context.Templates.NextSteps).Where(s => s.Length > 0)),
            ["reason"] = string.IsNullOrWhiteSpace(reason) ? "(no reason given)" : reason.Trim(),
            ["expires"] = Time(original.ReceivedAt + context.Retention),
            ["retention"] = Duration(context.Retention),
        };
        var (text, html) = context.Templates.Render("notice-" + kind.ToString().ToLowerInvariant(), values);

        var message = new MimeMessage();
        message.From.Add(context.Postmaster);
        message.To.Add(new MailboxAddress("", original.MailFrom));
        message.Subject = kind switch
        {
            NoticeKind.Held => $"Held for review: your email {original.Id} has not been sent",
            NoticeKind.Rejected => $"Rejected: your email {original.Id} was not sent",
            _ => $"Not sent: your email {original.Id} expired in quarantine",
        };
        message.Date = context.Now;
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId(context.Postmaster.Domain);
        message.Headers.Add("Auto-Submitted", "auto-replied");
        message.Body = new BodyBuilder { TextBody = text, HtmlBody = html }.ToMessageBody();
        return message;
    }

    /// <summary>One line per finding: rule, policy clause and evidence, in the words the rule used.</summary>
    public static string Describe(IEnumerable<Finding> findings) =>
        string.Join("\n", findings.Select(f => $"- {f.Rule} (policy {f.Clause}): {f.Evidence}"));

    /// <summary>"30 days", "1 day", "12 hours", "90 minutes": how a person would say the retention.</summary>
    public static string Duration(TimeSpan t) =>
        t.Ticks % TimeSpan.TicksPerDay == 0 ? Plural((long)t.TotalDays, "day")
        : t.Ticks % TimeSpan.TicksPerHour == 0 ? Plural((long)t.TotalHours, "hour")
        : Plural((long)Math.Ceiling(t.TotalMinutes), "minute");

    private static string Plural(long n, string unit) => n == 1 ? $"1 {unit}" : $"{n} {unit}s";

    internal static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}

/// <summary>What every notice and report needs besides the message: who it is from, the wording, the time.</summary>
public sealed record NoticeContext(MailboxAddress Postmaster, NoticeTemplates Templates, TimeSpan Retention, DateTimeOffset Now);
