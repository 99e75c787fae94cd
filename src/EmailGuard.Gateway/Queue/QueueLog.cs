using Microsoft.Extensions.Logging;

namespace EmailGuard.Gateway.Queue;

/// <summary>Delivery log lines: queue ids and counts, never addresses or subjects.</summary>
internal static partial class QueueLog
{
    [LoggerMessage(2001, LogLevel.Information, "Queue recovered: {Queued} queued, {Dropped} unfinished writes dropped")]
    public static partial void Recovered(ILogger logger, int queued, int dropped);

    [LoggerMessage(2002, LogLevel.Information, "Message {QueueId}: delivered to {Delivered}, failed {Failed}, deferred {Deferred} (attempt {Attempt})")]
    public static partial void Attempted(ILogger logger, string queueId, int delivered, int failed, int deferred, int attempt);

    [LoggerMessage(2003, LogLevel.Information, "Message {QueueId}: next attempt in {Delay}")]
    public static partial void Deferred(ILogger logger, string queueId, TimeSpan delay);

    [LoggerMessage(2004, LogLevel.Warning, "Message {QueueId}: undelivered after {Age}, giving up on {Count} recipient(s)")]
    public static partial void Expired(ILogger logger, string queueId, TimeSpan age, int count);

    [LoggerMessage(2005, LogLevel.Information, "Message {QueueId}: non-delivery notice {NoticeId} queued for the sender")]
    public static partial void Bounced(ILogger logger, string queueId, string noticeId);

    [LoggerMessage(2006, LogLevel.Information, "Message {QueueId}: {Count} recipient(s) failed; no notice (sender outside the Trust or null)")]
    public static partial void NotBounced(ILogger logger, string queueId, int count);

    [LoggerMessage(2007, LogLevel.Error, "Message {QueueId}: delivery attempt crashed; will retry")]
    public static partial void AttemptCrashed(ILogger logger, Exception exception, string queueId);
}
