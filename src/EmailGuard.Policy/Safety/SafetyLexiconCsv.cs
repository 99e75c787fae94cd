using System.Text;
using System.Text.RegularExpressions;
using EmailGuard.Policy.Csv;
using EmailGuard.Policy.Text;

namespace EmailGuard.Policy.Safety;

/// <summary>
/// Parses the safety lexicon: RFC 4180 CSV with header <c>category,severity,phrase</c>. Lines starting with '#'
/// are comments. Severity is low, medium or high; category is a lower-case slug (self-harm, abuse …) or
/// <c>ignore</c>, whose rows (severity empty) list known false positives. Phrases match as whole words after
/// the same normalisation as message text, so a phrase that normalises to nothing, or to the same words as an
/// earlier row, is an error. Errors give file and line and never quote a phrase.
/// </summary>
public static partial class SafetyLexiconCsv
{
    public const string IgnoreCategory = "ignore";
    private static readonly string[] Columns = ["category", "severity", "phrase"];

    public static SafetyLexiconParseResult Parse(string text, string file = "safety-lexicon.csv") =>
        Parse(new StringReader(text), file);

    public static SafetyLexiconParseResult Parse(TextReader reader, string file = "safety-lexicon.csv")
    {
        var (records, readErrors) = CsvReader.Read(new StringReader(BlankComments(reader)), file);
        var errors = new List<CsvError>(readErrors);
        var phrases = new List<SafetyPhrase>();
        var ignored = new List<string>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var header = records.Count > 0 ? records[0] : null;
        if (header is null || !header.Fields.Select(f => f.Trim()).SequenceEqual(Columns, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add(new CsvError(file, header?.Line ?? 1, $"expected header '{string.Join(',', Columns)}'"));
            return new SafetyLexiconParseResult(SafetyLexicon.Empty, errors);
        }
        foreach (var record in records.Skip(1))
        {
            var problem = Row(record, phrases, ignored, seen);
            if (problem is not null)
            {
                errors.Add(new CsvError(file, record.Line, problem));
            }
        }
        if (phrases.Count == 0 && errors.Count == 0)
        {
            errors.Add(new CsvError(file, header.Line, "no phrases to flag (disable the safety-concern rule instead)"));
        }
        return new SafetyLexiconParseResult(new SafetyLexicon(phrases, ignored), errors);
    }

    /// <summary>The phrase as the rule compares it: normalised, digits and symbols folded to letters.</summary>
    public static string NormalizePhrase(string phrase) => TextNormalizer.Normalize(phrase, NormalizeOptions.FoldLeet);

    private static string? Row(CsvRecord record, List<SafetyPhrase> phrases, List<string> ignored, Dictionary<string, int> seen)
    {
        if (record.Fields.Count != Columns.Length)
        {
            return $"expected {Columns.Length} fields, found {record.Fields.Count}";
        }
        var category = record.Fields[0].Trim().ToLowerInvariant();
        var severityText = record.Fields[1].Trim();
        var phrase = record.Fields[2].Trim();
        var normalized = NormalizePhrase(phrase);
        var ignore = category == IgnoreCategory;
        SafetySeverity severity = default;
        var problem =
            category.Length == 0 ? "category is empty"
            : !ignore && !Slug().IsMatch(category) ? "category must be lower-case letters, digits and hyphens (e.g. self-harm)"
            : ignore && severityText.Length > 0 ? "severity must be empty on an ignore row"
            : !ignore && !TryParseSeverity(severityText, out severity) ? $"severity '{severityText}' is not low, medium or high"
            : normalized.Length == 0 ? "phrase is empty once normalised"
            : seen.TryGetValue(normalized, out var earlier) ? $"phrase is the same (once normalised) as line {earlier}"
            : null;
        if (problem is not null)
        {
            return problem;
        }
        seen[normalized] = record.Line;
        if (ignore)
        {
            ignored.Add(phrase);
        }
        else
        {
            phrases.Add(new SafetyPhrase(category, severity, phrase));
        }
        return null;
    }

    private static bool TryParseSeverity(string text, out SafetySeverity severity)
    {
        severity = default;
        return text.Length > 0 && char.IsAsciiLetter(text[0]) && Enum.TryParse(text, ignoreCase: true, out severity)
            && Enum.IsDefined(severity);
    }

    // Comment lines become empty lines, so CSV line numbers still match the file.
    private static string BlankComments(TextReader reader)
    {
        var text = new StringBuilder();
        var first = true;
        while (reader.ReadLine() is { } read)
        {
            var line = first ? read.TrimStart('\uFEFF') : read;
            first = false;
            text.Append(line.TrimStart().StartsWith('#') ? "" : line).Append('\n');
        }
        return text.ToString();
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Slug();
}

/// <summary>The lexicon read from a file (what was valid) and every problem found.</summary>
public sealed record SafetyLexiconParseResult(SafetyLexicon Lexicon, IReadOnlyList<CsvError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
