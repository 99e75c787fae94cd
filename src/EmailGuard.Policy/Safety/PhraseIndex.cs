using System.Runtime.InteropServices;
using EmailGuard.Policy.Text;

namespace EmailGuard.Policy.Safety;

/// <summary>
/// Every lexicon phrase and ignore phrase keyed by its first normalised token, so a text is scanned once,
/// token by token, with one hash lookup per token (on a span, no allocation) whatever the lexicon size;
/// only phrases sharing that first token compare the rest of their words. Most tokens never reach the hash:
/// a 64 Kbit filter keyed by first two letters, last letter and length rules them out first. Whole tokens only:
/// "skill" is not "kill" and "therapist" is not "rapist".
/// </summary>
internal sealed class PhraseIndex
{
    private readonly Dictionary<string, List<Entry>> _byFirstToken = new(StringComparer.Ordinal);

    // One bit per (first letter, second letter, last letter, length) hash of every first token; 8 KB, so few false
    // hits. The last letter matters: English words sharing the first two letters and length with a phrase start are
    // common ("consent"/"cocaine", "payment"/"palette"), and each false hit costs a hash lookup.
    private readonly ulong[] _filter = new ulong[1024];

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
    /// Adds to <paramref name="matches"/> each phrase occurrence in <paramref name="normalized"/>, in text order,
    /// except those lying wholly inside an ignore phrase occurrence.
    /// </summary>
    public void Scan(NormalizedText normalized, List<PhraseMatch> matches)
    {
        var lookup = _byFirstToken.GetAlternateLookup<ReadOnlySpan<char>>();
        var text = normalized.Text;
        var spaces = normalized.Spaces;
        var ignoredUntil = 0; // end (exclusive char offset) of the furthest-reaching ignore occurrence started so far
        var pending = new List<PhraseMatch>();
        // Tokens lie between the spaces the normaliser recorded; looking for them again, character by character,
        // was a third of the scan.
        for (var i = 0; i <= spaces.Length; i++)
        {
            var start = i == 0 ? 0 : spaces[i - 1] + 1;
            var end = i < spaces.Length ? spaces[i] : text.Length;
            var token = text[start..end];
            if (token.Length > 0 && MayStartPhrase(token) && lookup.TryGetValue(token, out var entries))
            {
                pending.Clear();
                foreach (var entry in entries)
                {
                    if (!RestMatches(text, end, entry.Rest))
                    {
                        continue;
                    }
                    var matchEnd = end + entry.Rest.Length;
                    if (entry.Phrase is null)
                    {
                        ignoredUntil = Math.Max(ignoredUntil, matchEnd);
                    }
                    else
                    {
                        pending.Add(new PhraseMatch(entry.Phrase, entry.Form, start, matchEnd));
                    }
                }
                // Ignore phrases starting at this token count too, so decide only after every entry here was tried.
                foreach (var match in pending)
                {
                    if (match.End > ignoredUntil)
                    {
                        matches.Add(match);
                    }
                }
            }
        }
    }

    private void Add(string normalized, SafetyPhrase? phrase)
    {
        if (normalized.Length == 0)
        {
            return;
        }
        var space = normalized.IndexOf(' ');
        var first = space < 0 ? normalized : normalized[..space];
        var bit = FilterBit(first);
        _filter[bit >> 6] |= 1UL << (bit & 63);
        ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(_byFirstToken, first, out _);
        (list ??= []).Add(new Entry(normalized, space < 0 ? "" : normalized[space..], phrase));
    }

    private bool MayStartPhrase(ReadOnlySpan<char> token)
    {
        var bit = FilterBit(token);
        return (_filter[bit >> 6] & (1UL << (bit & 63))) != 0;
    }

    // Shifts and exclusive-ors, not a multiplicative hash: this runs for every token of every body, and a chain
    // of multiplications measured slower than the hash lookups it saves.
    private static int FilterBit(ReadOnlySpan<char> token) =>
        (token[0] ^ (token[^1] << 5) ^ (token.Length > 1 ? token[1] << 10 : 0) ^ (token.Length << 13)) & 0xFFFF;

    // The rest (" word word", with its leading space) follows the first token and ends at a token boundary.
    private static bool RestMatches(ReadOnlySpan<char> text, int firstEnd, string rest) =>
        rest.Length == 0
        || (text[firstEnd..].StartsWith(rest, StringComparison.Ordinal)
            && (firstEnd + rest.Length == text.Length || text[firstEnd + rest.Length] == ' '));

    /// <summary>A lexicon phrase, or an ignore phrase when <see cref="Phrase"/> is null.</summary>
    private sealed record Entry(string Form, string Rest, SafetyPhrase? Phrase);
}

/// <summary>A phrase found at characters [<see cref="Start"/>, <see cref="End"/>) of a normalised text.</summary>
internal readonly record struct PhraseMatch(SafetyPhrase Phrase, string Form, int Start, int End);
