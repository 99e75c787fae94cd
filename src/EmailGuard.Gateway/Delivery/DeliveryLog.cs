using Microsoft.Extensions.Logging;

namespace EmailGuard.Gateway.Delivery;

/// <summary>
/// Upstream delivery events. Ids are stable (dashboards and alerts key on them); messages carry no
/// addresses, subjects or server reply text, which may quote either.
/// </summary>
internal static partial class DeliveryLog
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning,
        Message = "Upstream circuit opened for {BreakDuration}: every send is deferred until a trial send succeeds")]
    public static partial void CircuitOpened(ILogger logger, TimeSpan breakDuration);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Upstream circuit closed: sending resumed")]
    public static partial void CircuitClosed(ILogger logger);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information, Message = "Upstream circuit half-open: trying one send")]
    public static partial void CircuitHalfOpened(ILogger logger);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Debug,
        Message = "Upstream try {Attempt} failed with {FailureType}; retrying in {Delay}")]
    public static partial void Retrying(ILogger logger, int attempt, string failureType, TimeSpan delay);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Warning, Message = "Upstream send deferred after {FailureType}")]
    public static partial void Deferred(ILogger logger, string failureType);

    [LoggerMessage(EventId = 3106, Level = LogLevel.Information, Message = "Pickup directory upstream writing to {Directory}")]
    public static partial void PickupDirectory(ILogger logger, string directory);

    [LoggerMessage(EventId = 3107, Level = LogLevel.Warning, Message = "Pickup directory write failed with {FailureType}")]
    public static partial void PickupWriteFailed(ILogger logger, string failureType);
}
