using Microsoft.Extensions.Logging;

namespace EmailGuard.Gateway.Admin;

/// <summary>Admin endpoint events (ids 4001-4099; stable).</summary>
internal static partial class AdminLog
{
    [LoggerMessage(4001, LogLevel.Information, "Admin endpoint (metrics, health) listening on http://{Endpoint}")]
    public static partial void Listening(ILogger logger, System.Net.IPEndPoint endpoint);

    // Debug: load balancers poll this; the causes are already logged where they happen (2102, 3101).
    [LoggerMessage(4003, LogLevel.Debug, "Not ready: {Check}: {Detail}")]
    public static partial void NotReady(ILogger logger, string check, string detail);

    [LoggerMessage(4005, LogLevel.Critical, "Cannot listen for the admin endpoint: {Reason}")]
    public static partial void CannotListen(ILogger logger, string reason);
}
