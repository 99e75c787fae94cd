using Microsoft.Extensions.Logging;

namespace EmailGuard.Gateway.Admin;

/// <summary>Admin endpoint events (ids 3000-3099; stable).</summary>
internal static partial class AdminLog
{
    [LoggerMessage(3001, LogLevel.Information, "Admin endpoint (metrics, health) listening on http://{Endpoint}")]
    public static partial void Listening(ILogger logger, System.Net.IPEndPoint endpoint);

    [LoggerMessage(3002, LogLevel.Debug, "Admin request failed: {Error}")]
    public static partial void RequestFailed(ILogger logger, string error);

    [LoggerMessage(3003, LogLevel.Warning, "Not ready: {Check}: {Detail}")]
    public static partial void NotReady(ILogger logger, string check, string detail);
}
