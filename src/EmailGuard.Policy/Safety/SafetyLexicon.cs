namespace EmailGuard.Policy.Safety;

/// <summary>How serious a safety phrase is; reported with each finding so the E-safety monitor can triage.</summary>
public enum SafetySeverity
{
    Low = 1,
    Medium = 2,
    High = 3,
}

/// <summary>One phrase to flag: its category (e.g. "self-harm"), severity and text as the lexicon wrote it.</summary>
public sealed record SafetyPhrase(string Category, SafetySeverity Severity, string Phrase);

/// <summary>
/// The safety-concern lexicon (policy 7.2.1): phrases to flag, and known false positives ("kill two birds")
/// whose occurrences hide any phrase inside them. Loaded from CSV by <see cref="SafetyLexiconCsv"/>.
/// </summary>
public sealed class SafetyLexicon(IReadOnlyList<SafetyPhrase> phrases, IReadOnlyList<string> ignored)
{
    public static SafetyLexicon Empty { get; } = new([], []);

    public IReadOnlyList<SafetyPhrase> Phrases { get; } = phrases;

    /// <summary>Phrases never flagged: a match lying wholly inside one of these is dropped.</summary>
    public IReadOnlyList<string> Ignored { get; } = ignored;
}
