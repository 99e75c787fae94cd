using System.Runtime.InteropServices;

namespace EmailGuard.Policy.Rules;

/// <summary>
/// Finds known name token sequences ("zoe smith", "smith zoe", "z smith") in normalised text in time
/// proportional to the text, whatever the directory size: every sequence is keyed by its first two tokens,
/// so each adjacent token pair of the text is one hash lookup (on a span, no allocation), and the rare
/// longer names check their remaining tokens. Single tokens are never indexed: a first name or surname on
/// its own names nobody.
/// </summary>
internal sealed class NameSequenceIndex<T>
{
    private readonly Dictionary<string, List<Entry>> _byBigram = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Entry> _byForm = new(StringComparer.Ordinal);

    public int Count => _byForm.Count;

    /// <summary>Adds a normalised name (tokens separated by single spaces); ignored when under two tokens.</summary>
    public void Add(string normalizedName, T owner)
    {
        if (_byForm.TryGetValue(normalizedName, out var existing))
        {
            existing.Owners.Add(owner);
            return;
        }
        var tokens = normalizedName.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length < 2)
        {
            return;
        }
        var entry = new Entry(normalizedName, tokens.Length == 2 ? [] : tokens[2..], new Owners<T>(owner));
        _byForm.Add(normalizedName, entry);
        var key = tokens[0] + " " + tokens[1];
        ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(_byBigram, key, out _);
        (list ??= []).Add(entry);
    }

    /// <summary>Every indexed name occurring as whole tokens in <paramref name="normalizedText"/>, each once.</summary>
    public List<NameMatch<T>> FindAll(string normalizedText)
    {
        var found = new List<NameMatch<T>>();
        if (_byBigram.Count == 0)
        {
            return found;
        }
        var lookup = _byBigram.GetAlternateLookup<ReadOnlySpan<char>>();
        var text = normalizedText.AsSpan();
        var tokens = Tokenize(normalizedText);
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            var start = tokens[i].Start.Value;
            var bigram = text[start..tokens[i + 1].End.Value];
            if (!lookup.TryGetValue(bigram, out var entries))
            {
                continue;
            }
            foreach (var entry in entries)
            {
                if (RestMatches(text, tokens, i + 2, entry.Rest) && !found.Exists(m => m.Form == entry.Form))
                {
                    found.Add(new NameMatch<T>(entry.Form, i, entry.Owners.ToList()));
                }
            }
        }
        return found;
    }

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

    private static List<Range> Tokenize(string text)
    {
        var tokens = new List<Range>();
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

    private sealed record Entry(string Form, string[] Rest, Owners<T> Owners);
}

/// <summary>A name found in text: its normalised form, the token it starts at, and whose name it is.</summary>
internal sealed record NameMatch<T>(string Form, int TokenIndex, IReadOnlyList<T> Owners);
