using Microsoft.Extensions.Logging;

namespace EmailGuard.Gateway.Policy;

/// <summary>
/// Policy loading events. Ids are stable (dashboards and alerts key on them). Only counts, file names and
/// line numbers are logged: problems from <see cref="PolicyLoader"/> never quote names or addresses.
/// </summary>
internal static partial class PolicyLog
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Information,
        Message = "Policy loaded: {PupilCount} pupils, {StaffCount} staff, {RuleCount} rules enabled")]
    public static partial void Loaded(ILogger logger, int pupilCount, int staffCount, int ruleCount);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information,
        Message = "Policy reloaded: {PupilCount} pupils, {StaffCount} staff, {RuleCount} rules enabled")]
    public static partial void Reloaded(ILogger logger, int pupilCount, int staffCount, int ruleCount);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Error,
        Message = "Policy reload refused ({ErrorCount} problem(s)); keeping the last good policy")]
    public static partial void ReloadRefused(ILogger logger, int errorCount);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Error, Message = "Policy problem: {Problem}")]
    public static partial void Problem(ILogger logger, string problem);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Warning,
        Message = "Watching the policy files failed; changes are picked up by polling only")]
    public static partial void WatchFailed(ILogger logger, Exception exception);
}
