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
/// MonitorAddresses. Both are spooled durably and delivered with retries like any other message.
/// </summary>
public sealed class Notices(
    NoticeQueue queue,
    Func<PolicyPipeline> policy,
    MailboxAddress postmaster,
    NoticeTemplates templates,
    QuarantineOptions options,
    TimeProvider time,
    ILogger logger)
{
    public QuarantineOptions Options => options;

    public TimeProvider Time => time;

    public static MailboxAddress Postmaster(DeliveryOptions delivery, GatewayOptions gateway) =>
        MailboxAddress.Parse(delivery.PostmasterAddress ?? $"postmaster@{gateway.ServerName}");

    /// <summary>Queues the notice for <paramref name="original"/>'s sender; the notice id, or null when none is due.</summary>
    public async Task<string?> NotifySenderAsync(NoticeKind kind, SpoolEnvelope original, string? subject, string? reason, CancellationToken cancellationToken)
    {
        if (original.Kind != SpoolKind.Message || original.IsNullSender || !policy().IsTrustAddress(original.MailFrom))
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

    /// <summary>Queues one report per monitor with <paramref name="raw"/> attached unaltered. Returns how many.</summary>
    public async Task<int> CopyToMonitorsAsync(SpoolEnvelope original, ReadOnlyMemory<byte> raw, string outcome, CancellationToken cancellationToken)
    {
        var monitors = policy().MonitorAddresses;
        if (monitors.Count == 0)
        {
            ActionLog.NoMonitors(logger, original.Id);
            return 0;
        }
        var now = time.GetUtcNow();
        foreach (var monitor in monitors)
        {
            var report = MonitorReport.Build(original, raw, monitor, outcome, Context(now));
            await queue.EnqueueAsync(report, monitor, now, cancellationToken);
        }
        ActionLog.MonitorCopied(logger, original.Id, monitors.Count);
        return monitors.Count;
    }

    private NoticeContext Context(DateTimeOffset now) => new(postmaster, templates, options.Retention, now);
}
