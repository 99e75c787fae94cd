using EmailGuard.Policy.Addresses;

namespace EmailGuard.Policy.Configuration;

/// <summary>Checks <see cref="PolicySettings"/> and returns every problem, keyed by configuration path.</summary>
public static class PolicySettingsValidator
{
    public static List<string> Validate(PolicySettings settings, IReadOnlyCollection<string> knownRuleIds)
    {
        var errors = new List<string>();
        if (settings.TrustDomains.Count == 0)
        {
            errors.Add("TrustDomains: at least one Trust domain is required");
        }
        CheckDomains(errors, nameof(settings.TrustDomains), settings.TrustDomains);
        CheckDomains(errors, nameof(settings.PupilDomains), settings.PupilDomains);
        CheckDomains(errors, nameof(settings.PartnerDomains), settings.PartnerDomains);
        CheckDomains(errors, nameof(settings.MailProviderDomains), settings.EffectiveMailProviderDomains);
        CheckAddresses(errors, nameof(settings.ApprovedAccounts), settings.ApprovedAccounts);
        CheckAddresses(errors, nameof(settings.LearningPlatformSenders), settings.LearningPlatformSenders);
        CheckAddresses(errors, nameof(settings.MonitorAddresses), settings.MonitorAddresses);
        if (settings.ExposedRecipientsThreshold < 1)
        {
            errors.Add("ExposedRecipientsThreshold: must be at least 1");
        }
        if (string.IsNullOrWhiteSpace(settings.DirectoryPath))
        {
            errors.Add("DirectoryPath: must not be empty");
        }
        if (string.IsNullOrWhiteSpace(settings.SafetyLexiconPath))
        {
            errors.Add("SafetyLexiconPath: must not be empty");
        }
        if (settings.SafetyScanMaxChars < 1)
        {
            errors.Add("SafetyScanMaxChars: must be at least 1");
        }
        OccasionalMonitoringValidator.Validate(settings, errors);
        foreach (var (id, rule) in settings.Rules)
        {
            if (!knownRuleIds.Contains(id, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add($"Rules:{id}: unknown rule id (known: {string.Join(", ", knownRuleIds)})");
            }
            if (rule.Action is null)
            {
                continue;
            }
            if (!TryParseAction(rule.Action, out var action))
            {
                errors.Add($"Rules:{id}:Action: '{rule.Action}' is not one of forward, monitor, hold, reject");
            }
            else if (action > RuleAction.Monitor && id.Equals(OccasionalMonitoringValidator.RuleId, StringComparison.OrdinalIgnoreCase))
            {
                // A held or refused message tells the employee (notice, bounce) what a copy never would.
                errors.Add($"Rules:{id}:Action: must be monitor or forward: occasional monitoring copies mail, it never stops it");
            }
        }
        return errors;
    }

    /// <summary>Accepts only the action names (any case), never numbers, so a typo cannot pick an action.</summary>
    public static bool TryParseAction(string text, out RuleAction action)
    {
        action = RuleAction.Forward;
        var trimmed = text.Trim();
        return trimmed.Length > 0 && char.IsAsciiLetter(trimmed[0])
            && Enum.TryParse(trimmed, ignoreCase: true, out action) && Enum.IsDefined(action);
    }

    private static void CheckDomains(List<string> errors, string key, IReadOnlyList<string> domains)
    {
        for (var i = 0; i < domains.Count; i++)
        {
            if (domains[i].Contains('@', StringComparison.Ordinal) || MailAddress.NormalizeDomain(domains[i]).Length == 0)
            {
                errors.Add($"{key}:{i}: not a domain");
            }
        }
    }

    private static void CheckAddresses(List<string> errors, string key, List<string> addresses)
    {
        for (var i = 0; i < addresses.Count; i++)
        {
            if (!MailAddress.TryParse(addresses[i], out _))
            {
                errors.Add($"{key}:{i}: not an email address");
            }
        }
    }
}
