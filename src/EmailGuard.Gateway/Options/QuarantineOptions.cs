namespace EmailGuard.Gateway.Options;

/// <summary>Held messages, sender notices and E-safety copies: section <c>EmailGuard:Quarantine</c>.</summary>
public sealed class QuarantineOptions
{
    public const string Section = "EmailGuard:Quarantine";

    /// <summary>
    /// How long a held message waits for someone to release or reject it before it expires (the sender is told and
    /// the files are removed). Default 30 days: long enough to cover a half-term holiday, short enough that
    /// quarantined personal data is not kept indefinitely (policy 5).
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Tell a Trust sender at once that their message was held. Default true: otherwise it silently goes nowhere.</summary>
    public bool NotifyOnHold { get; set; } = true;

    /// <summary>Send the E-safety monitors a copy of held messages too, not only monitored ones. Default true (policy 7.2.1).</summary>
    public bool CopyHeldToMonitor { get; set; } = true;

    /// <summary>How often expired held messages are looked for. Default 1 hour: expiry is a matter of days.</summary>
    public TimeSpan ExpiryCheckInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Notice wording (<c>notice-held.txt</c> …); relative paths are to the config directory. Default <c>templates</c>.
    /// Missing files fall back to the built-in wording.</summary>
    public string TemplateDirectory { get; set; } = "templates";

    public IEnumerable<string> Validate()
    {
        const string P = "EmailGuard:Quarantine:";
        if (Retention <= TimeSpan.Zero)
        {
            yield return P + "Retention must be positive.";
        }
        if (ExpiryCheckInterval <= TimeSpan.Zero)
        {
            yield return P + "ExpiryCheckInterval must be positive.";
        }
        if (string.IsNullOrWhiteSpace(TemplateDirectory))
        {
            yield return P + "TemplateDirectory must not be empty.";
        }
    }
}
