using EmailGuard.Policy.Addresses;

namespace EmailGuard.Policy.Configuration;

/// <summary>
/// Checks <see cref="PolicySettings.OccasionalMonitoring"/>. Errors name the entry index and key but never the
/// values: that an employee is being monitored is itself personal data (policy 5) and errors are logged.
/// </summary>
internal static class OccasionalMonitoringValidator
{
    /// <summary>The ceiling for <see cref="PolicySettings.OccasionalMonitoringMaxDays"/>: a year is not "short term".</summary>
    public const int MaxDaysCeiling = 365;

    public const string RuleId = "occasional-monitoring";

    private const string Key = nameof(PolicySettings.OccasionalMonitoring);

    public static void Validate(PolicySettings settings, List<string> errors)
    {
        var maxDays = settings.OccasionalMonitoringMaxDays;
        if (maxDays < 1 || maxDays > MaxDaysCeiling)
        {
            errors.Add($"{nameof(PolicySettings.OccasionalMonitoringMaxDays)}: must be between 1 and {MaxDaysCeiling}");
        }
        var trustDomains = settings.TrustDomains.Select(MailAddress.NormalizeDomain).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < settings.OccasionalMonitoring.Count; i++)
        {
            var entry = settings.OccasionalMonitoring[i];
            var at = $"{Key}:{i}";
            if (entry is null)
            {
                errors.Add($"{at}: empty entry");
                continue;
            }
            CheckTrustAddress(errors, $"{at}:{nameof(entry.Employee)}", entry.Employee, trustDomains);
            CheckTrustAddress(errors, $"{at}:{nameof(entry.Reviewer)}", entry.Reviewer, trustDomains);
            Required(errors, $"{at}:{nameof(entry.PiaReference)}", entry.PiaReference,
                "required: monitoring follows a privacy impact assessment (policy 7.1)");
            Required(errors, $"{at}:{nameof(entry.AuthorisedBy)}", entry.AuthorisedBy, "required: who authorised the monitoring");
            var start = Time(errors, $"{at}:{nameof(entry.Start)}", entry.Start, "required");
            var end = Time(errors, $"{at}:{nameof(entry.End)}", entry.End,
                "required: occasional monitoring is a short-term measure (policy 7.2)");
            if (start is { } s && end is { } e)
            {
                if (e <= s)
                {
                    errors.Add($"{at}:{nameof(entry.End)}: must be after Start");
                }
                else if (maxDays >= 1 && e - s > TimeSpan.FromDays(maxDays))
                {
                    errors.Add($"{at}:{nameof(entry.End)}: the window is {(e - s).TotalDays:0.#} days, longer than "
                        + $"{nameof(PolicySettings.OccasionalMonitoringMaxDays)} ({maxDays})");
                }
            }
        }
    }

    private static void Required(List<string> errors, string key, string? value, string problem)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{key}: {problem}");
        }
    }

    private static DateTimeOffset? Time(List<string> errors, string key, string? value, string missing)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{key}: {missing}");
            return null;
        }
        if (!OccasionalMonitoringEntry.TryParseTime(value, out var time))
        {
            errors.Add($"{key}: not an ISO 8601 date-time with a UTC offset (e.g. 2026-11-02T08:00:00Z)");
            return null;
        }
        return time;
    }

    private static void CheckTrustAddress(List<string> errors, string key, string? value, HashSet<string> trustDomains)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{key}: required");
        }
        else if (!MailAddress.TryParse(value, out var address))
        {
            errors.Add($"{key}: not an email address");
        }
        else if (!trustDomains.Contains(address.Domain))
        {
            errors.Add($"{key}: not in one of the TrustDomains (monitoring and its copies stay on Trust accounts, policy 7.1, 7.2.1)");
        }
    }
}
