using EmailGuard.Gateway.Options;
using EmailGuard.Gateway.Queue;
using EmailGuard.Gateway.Spool;
using EmailGuard.Policy;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace EmailGuard.Gateway.Actions;

/// <summary>
/// Queues the notices and E-safety copies a verdict or a quarantine action calls for. Sender notices go only to a
/// sender in a Trust domain (never to the null sender, never outside: no backscatter); copies go to the policy's
/// MonitorAddresses, or to a finding's own <see cref="Finding.CopyTo"/> (occasional monitoring: that exercise's
/// reviewer only), each report showing only the findings routed to its recipient. Both are spooled durably and
/// delivered with retries like any other message.
/// </summary>
public sealed class Notices(
    NoticeQueue queue,
    Func<PolicyPipeline> policy,
    MailboxAddress postmaster,
    TemplateDirectory templates,
    QuarantineOptions options,
    TimeProvider time,
    ILogger logger)
{
    public QuarantineOptions Options => options;

    public TimeProvider Time => time;

    /// <summary>Queues the notice for <paramref name="original"/>'s sender; the notice id, or null when none is due.</summary>
    public async Task<string?> NotifySenderAsync(NoticeKind kind, SpoolEnvelope original, string? subject, string? reason, CancellationToken cancellationToken)
    {
        if (!original.SenderMayBeNotified(policy()))
        {
            ActionLog.SenderNotNotified(logger, original.Id, kind);
            return null;
        }
        var now = time.GetUtcNow();
        var notice = SenderNotice.Build(kind, original, subject, reason, Context(now));
        var id = await queue.EnqueueAsync(notice, original.MailFrom, now, cancellationToken);
        ActionLog.SenderNotified(logger, original.Id, id, kind);
        return id;
    }

    /// <summary>
    /// Queues one report per recipient with <paramref name="raw"/> attached unaltered, routed by
    /// <see cref="Verdict.Copies"/>: findings without <see cref="Finding.CopyTo"/> to the MonitorAddresses (only when
    /// <paramref name="includeMonitors"/>), the others to their own addresses. Returns how many.
    /// </summary>
    public async Task<int> CopyToMonitorsAsync(SpoolEnvelope original, ReadOnlyMemory<byte> raw, string outcome, bool includeMonitors,
        CancellationToken cancellationToken)
    {
        var monitors = includeMonitors ? policy().MonitorAddresses : [];
        if (includeMonitors && monitors.Count == 0)
        {
            ActionLog.NoMonitors(logger, original.Id);
        }
        var copies = new Verdict(original.Action, original.Findings).Copies(monitors);
        var now = time.GetUtcNow();
        foreach (var copy in copies)
        {
            // The report shows only this recipient's findings: an E-safety monitor never learns of an occasional
            // monitoring exercise, and its reviewer sees nothing but their own exercise (policy 5).
            var report = MonitorReport.Build(original with { Findings = copy.Findings }, raw, copy.Address, outcome, Context(now));
            await queue.EnqueueAsync(report, copy.Address, now, cancellationToken);
        }
        if (copies.Count > 0)
        {
            ActionLog.MonitorCopied(logger, original.Id, copies.Count);
        }
        return copies.Count;
    }

    private NoticeContext Context(DateTimeOffset now) => new(postmaster, templates.Current, options.Retention, now);
}
