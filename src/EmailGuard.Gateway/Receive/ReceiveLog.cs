using Microsoft.Extensions.Logging;

namespace EmailGuard.Gateway.Receive;

/// <summary>Receive-side log lines. Ids and counts only: addresses and subjects are personal data.</summary>
internal static partial class ReceiveLog
{
    [LoggerMessage(1001, LogLevel.Information, "SMTP listening on {Endpoint}")]
    public static partial void Listening(ILogger logger, System.Net.IPEndPoint endpoint);

    [LoggerMessage(1002, LogLevel.Warning, "Connection refused before SMTP: {Reason}")]
    public static partial void ClientRefused(ILogger logger, string reason);

    [LoggerMessage(1003, LogLevel.Information, "Message {QueueId}: {Action} rules=[{Rules}] size={Size} recipients={Recipients} parse={ParseMs:F2}ms rules={RulesMs:F2}ms spool={SpoolMs:F2}ms")]
    public static partial void Decision(ILogger logger, string queueId, string action, string rules, long size, int recipients, double parseMs, double rulesMs, double spoolMs);

    [LoggerMessage(1004, LogLevel.Information, "Message {QueueId}: subject {Subject}")]
    public static partial void Subject(ILogger logger, string queueId, string subject);

    [LoggerMessage(1005, LogLevel.Warning, "Message refused at end of DATA: {Reason} size={Size}")]
    public static partial void Refused(ILogger logger, string reason, long size);

    [LoggerMessage(1006, LogLevel.Error, "Could not spool message {QueueId}")]
    public static partial void SpoolFailed(ILogger logger, Exception exception, string queueId);

    [LoggerMessage(1008, LogLevel.Critical, "Cannot listen for SMTP on {Endpoints}: {Reason}")]
    public static partial void CannotListen(ILogger logger, string endpoints, string reason);

    [LoggerMessage(1007, LogLevel.Warning, "SMTP session faulted: {Error}")]
    public static partial void SessionFaulted(ILogger logger, string error);
}
