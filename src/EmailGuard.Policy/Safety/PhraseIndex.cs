using System.Runtime.InteropServices;

namespace EmailGuard.Policy.Safety;

/// <summary>
/// Every lexicon phrase and ignore phrase keyed by its first normalised token, so a text is scanned once,
/// token by token, with one hash lookup per token (on a span, no allocation) whatever the lexicon size;
/// only phrases sharing that first token compare their remaining tokens. Whole tokens only: "skill" is not
/// "kill" and "therapist" is not "rapist".
/// </summary>
internal sealed class PhraseIndex
{
    private readonly Dictionary<string, List<Entry>> _byFirstToken = new(StringComparer.Ordinal);

    // Per ASCII first character, a bit per first-token length (63 = longer): most words of a body ("please",
    // "the") are ruled out by two array reads before any hashing.
    private readonly ulong[] _firstCharLengths = new ulong[128];

    public PhraseIndex(SafetyLexicon lexicon)
    {
        foreach (var phrase in lexicon.Phrases)
        {
            Add(SafetyLexiconCsv.NormalizePhrase(phrase.Phrase), phrase);
        }
        foreach (var ignored in lexicon.Ignored)
        {
            Add(SafetyLexiconCsv.NormalizePhrase(ignored), null);
        }
    }

    public bool IsEmpty => _byFirstToken.Count == 0;

    /// <summary>
    /// Calls <paramref name="onMatch"/> for each phrase occurrence in <paramref name="tokens"/> of
    /// <paramref name="text"/>, in text order, except those lying wholly inside an ignore phrase occurrence.
    /// </summary>
    public void Scan(string text, List<Range> tokens, Action<PhraseMatch> onMatch)
    {
        var lookup = _byFirstToken.GetAlternateLookup<ReadOnlySpan<char>>();
        var span = text.AsSpan();
        var ignoredUntil = 0; // end (exclusive token index) of the furthest-reaching ignore occurrence started so far
        var pending = new List<PhraseMatch>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = span[tokens[i]];
            if ((token[0] < 128 && (_firstCharLengths[token[0]] & LengthBit(token.Length)) == 0)
                || !lookup.TryGetValue(token, out var entries))
            {
                continue;
            }
            pending.Clear();
            foreach (var entry in entries)
            {
                if (!RestMatches(span, tokens, i + 1, entry.Rest))
                {
                    continue;
                }
                var end = i + 1 + entry.Rest.Length;
                if (entry.Phrase is null)
                {
                    ignoredUntil = Math.Max(ignoredUntil, end);
                }
                else
                {
                    pending.Add(new PhraseMatch(entry.Phrase, entry.Form, i, end));
                }
            }
            // Ignore phrases starting at this token count too, so decide only after all entries here were tried.
            foreach (var match in pending)
            {
                if (match.End > ignoredUntil)
                {
                    onMatch(match);
                }
            }
        }
    }

    /// <summary>Token ranges of normalised text (tokens separated by single spaces).</summary>
    public static List<Range> Tokenize(string text)
    {
        var tokens = new List<Range>(text.Length / 6);
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == ' ')
            {
                if (i > start)
                {
                    tokens.Add(new Range(start, i));
                }
                start = i + 1;
            }
        }
        return tokens;
    }

    private void Add(string normalized, SafetyPhrase? phrase)
    {
        var tokens = normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 0)
        {
            return;
        }
        if (tokens[0][0] < 128)
        {
            _firstCharLengths[tokens[0][0]] |= LengthBit(tokens[0].Length);
        }
        ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(_byFirstToken, tokens[0], out _);
        (list ??= []).Add(new Entry(normalized, tokens[1..], phrase));
    }

    private static ulong LengthBit(int length) => 1UL << Math.Min(length, 63);

    private static bool RestMatches(ReadOnlySpan<char> text, List<Range> tokens, int from, string[] rest)
    {
        if (from + rest.Length > tokens.Count)
        {
            return false;
        }
        for (var k = 0; k < rest.Length; k++)
        {
            if (!text[tokens[from + k]].SequenceEqual(rest[k]))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>A lexicon phrase, or an ignore phrase when <see cref="Phrase"/> is null.</summary>
    private sealed record Entry(string Form, string[] Rest, SafetyPhrase? Phrase);
}

/// <summary>A phrase found at tokens [<see cref="Start"/>, <see cref="End"/>) of a normalised text.</summary>
internal readonly record struct PhraseMatch(SafetyPhrase Phrase, string Form, int Start, int End);
