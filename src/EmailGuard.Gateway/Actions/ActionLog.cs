using Microsoft.Extensions.Logging;

namespace EmailGuard.Gateway.Actions;

/// <summary>Quarantine, notice and monitor log lines: queue ids, rule ids and counts; never addresses, subjects or bodies.</summary>
internal static partial class ActionLog
{
    [LoggerMessage(3001, LogLevel.Information, "Message {QueueId}: notice {NoticeId} ({Kind}) queued for the sender")]
    public static partial void SenderNotified(ILogger logger, string queueId, string noticeId, NoticeKind kind);

    [LoggerMessage(3002, LogLevel.Information, "Message {QueueId}: no {Kind} notice (sender outside the Trust or null)")]
    public static partial void SenderNotNotified(ILogger logger, string queueId, NoticeKind kind);

    [LoggerMessage(3003, LogLevel.Information, "Message {QueueId}: E-safety copy queued for {Count} monitor(s)")]
    public static partial void MonitorCopied(ILogger logger, string queueId, int count);

    [LoggerMessage(3004, LogLevel.Warning, "Message {QueueId}: flagged for monitoring but no MonitorAddresses are configured")]
    public static partial void NoMonitors(ILogger logger, string queueId);

    [LoggerMessage(3005, LogLevel.Error, "Message {QueueId}: could not queue its notice or E-safety copy; the message itself is safely spooled")]
    public static partial void ActionFailed(ILogger logger, Exception exception, string queueId);

    [LoggerMessage(3006, LogLevel.Information, "Quarantine {QueueId}: {Action} by operator")]
    public static partial void QuarantineAction(ILogger logger, string queueId, string action);

    [LoggerMessage(3007, LogLevel.Information, "Quarantine: {Count} held message(s) expired")]
    public static partial void Expired(ILogger logger, int count);

    [LoggerMessage(3008, LogLevel.Warning, "Quarantine: {Count} unfinished reject/purge/expiry claim(s) put back on hold")]
    public static partial void ClaimsRestored(ILogger logger, int count);

    [LoggerMessage(3009, LogLevel.Error, "Quarantine expiry sweep failed; will try again")]
    public static partial void SweepFailed(ILogger logger, Exception exception);
}
