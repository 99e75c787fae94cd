using System.Globalization;
using EmailGuard.Gateway.Spool;

namespace EmailGuard.Gateway.Actions;

/// <summary>Which held messages <c>quarantine list</c> and <c>purge</c> act on; empty matches all.</summary>
public sealed record QuarantineFilter(string? Rule = null, string? Sender = null, TimeSpan? OlderThan = null)
{
    public static QuarantineFilter All { get; } = new();

    public bool IsEmpty => Rule is null && Sender is null && OlderThan is null;

    public bool Matches(SpoolEnvelope held, DateTimeOffset now) =>
        (Rule is null || held.Findings.Any(f => string.Equals(f.Rule, Rule, StringComparison.OrdinalIgnoreCase)))
        && (Sender is null || string.Equals(held.MailFrom, Sender, StringComparison.OrdinalIgnoreCase))
        && (OlderThan is null || now - held.ReceivedAt >= OlderThan);

    /// <summary>"30d", "12h", "45m", or a TimeSpan ("1.12:00:00"). False for anything else, zero or negative.</summary>
    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = default;
        text = text.Trim();
        if (text.Length >= 2 && char.IsAsciiLetter(text[^1]) && int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            duration = char.ToLowerInvariant(text[^1]) switch
            {
                'd' => TimeSpan.FromDays(n),
                'h' => TimeSpan.FromHours(n),
                'm' => TimeSpan.FromMinutes(n),
                _ => TimeSpan.Zero,
            };
        }
        else if (!TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration))
        {
            return false;
        }
        return duration > TimeSpan.Zero;
    }
}
