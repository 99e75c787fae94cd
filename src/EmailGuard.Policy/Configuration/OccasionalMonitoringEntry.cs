using System.Globalization;
using System.Text.RegularExpressions;

namespace EmailGuard.Policy.Configuration;

/// <summary>
/// One occasional monitoring exercise (policy 7.1, 7.2): whose mail, when, under which privacy impact
/// assessment, who authorised it and who reviews the copies. Times are ISO 8601 with an explicit UTC offset
/// ("2026-11-02T08:00:00Z", "2026-06-01T08:00:00+01:00") so a window never shifts with the server's time zone.
/// The window is Start (inclusive) to End (exclusive).
/// </summary>
public sealed partial class OccasionalMonitoringEntry
{
    /// <summary>The employee's Trust address; mail whose envelope sender or From is this address is copied.</summary>
    public string? Employee { get; set; }

    public string? Start { get; set; }

    /// <summary>Required: occasional monitoring is a short-term measure, never open-ended.</summary>
    public string? End { get; set; }

    /// <summary>Reference of the privacy impact assessment carried out before monitoring began. Required.</summary>
    public string? PiaReference { get; set; }

    /// <summary>Who authorised the exercise (name or role). Required.</summary>
    public string? AuthorisedBy { get; set; }

    /// <summary>The Trust address that receives the copies (and only they do).</summary>
    public string? Reviewer { get; set; }

    /// <summary>Parses a date-time in the accepted form; false for anything else (no offset, no time, local formats).</summary>
    public static bool TryParseTime(string? text, out DateTimeOffset value)
    {
        value = default;
        return text is not null && IsoWithOffset().IsMatch(text.Trim())
            && DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoWithOffset();
}
