using EmailGuard.Policy.Safety;
using EmailGuard.Policy.Text;

namespace EmailGuard.Policy.Rules;

/// <summary>
/// Policy 7.2.1 (systematic monitoring): mail whose subject or text contains a safety lexicon phrase is copied
/// to the E-safety monitor. Text is normalised as for names (case, accents, invisible characters, look-alike
/// letters) and digits/symbols used as letters are folded (k1ll → kill); phrases match whole words only, and
/// a match inside a lexicon ignore phrase ("kill two birds") is dropped. One hit per category: its most severe
/// match (first of equals) with three words of context either side, and how many other matches it had.
/// </summary>
internal sealed class SafetyConcernRule : IPolicyRule
{
    private const int ContextWords = 3;
    private readonly PhraseIndex _index;
    private readonly int _maxChars;

    public SafetyConcernRule(TrustContext trust)
    {
        _index = new PhraseIndex(trust.SafetyLexicon);
        _maxChars = trust.Settings.SafetyScanMaxChars;
    }

    public string Id => "safety-concern";

    public string Clause => "7.2.1";

    public RuleAction DefaultAction => RuleAction.Monitor;

    public void Evaluate(MessageFacts message, List<RuleHit> hits)
    {
        if (_index.IsEmpty)
        {
            return;
        }
        var byCategory = new Dictionary<string, CategoryHit>(StringComparer.Ordinal);
        var matches = new List<PhraseMatch>();
        MessageText.Read(message.Message, _maxChars, (where, segment) =>
        {
            using var text = TextNormalizer.NormalizePooled(segment, NormalizeOptions.FoldLeet);
            matches.Clear();
            _index.Scan(text, matches);
            foreach (var match in matches)
            {
                if (byCategory.TryGetValue(match.Phrase.Category, out var best))
                {
                    best.Count++;
                    if (match.Phrase.Severity <= best.Severity)
                    {
                        continue;
                    }
                }
                else
                {
                    byCategory[match.Phrase.Category] = best = new CategoryHit { Count = 1 };
                }
                best.Severity = match.Phrase.Severity;
                best.Evidence = Describe(match, where, text.Text);
            }
        });
        foreach (var (_, hit) in byCategory.OrderByDescending(c => c.Value.Severity).ThenBy(c => c.Key, StringComparer.Ordinal))
        {
            var others = hit.Count > 1 ? $" (and {hit.Count - 1} other match(es) in this category)" : "";
            hits.Add(new RuleHit(hit.Evidence + others));
        }
    }

    private static string Describe(PhraseMatch match, string where, ReadOnlySpan<char> text)
    {
        var from = match.Start;
        for (var words = 0; words < ContextWords && from > 0; words++)
        {
            from = text[..(from - 1)].LastIndexOf(' ') + 1; // from - 1 is the space before the current word
        }
        var to = match.End;
        for (var words = 0; words < ContextWords && to < text.Length; words++)
        {
            var next = text[(to + 1)..].IndexOf(' ');
            to = next < 0 ? text.Length : to + 1 + next;
        }
        var before = from > 0 ? "… " : "";
        var after = to < text.Length ? " …" : "";
        var severity = match.Phrase.Severity.ToString().ToLowerInvariant();
        return $"{match.Phrase.Category} ({severity}): \"{match.Form}\" in {where}: \"{before}{text[from..to]}{after}\"";
    }

    private sealed class CategoryHit
    {
        public int Count { get; set; }

        public SafetySeverity Severity { get; set; }

        public string Evidence { get; set; } = "";
    }
}
