using System.Collections.Frozen;

namespace EmailGuard.Policy.Text;

/// <summary>
/// Non-Latin letters that render like Latin ones, and Latin letters NFKD does not decompose. A deliberately
/// small table (Cyrillic, Greek, a few Latin extras) covering what is typed to dodge a filter; not all of UTS #39.
/// </summary>
internal static class Confusables
{
    // Pairs are written source→target so the table reads like the glyphs it replaces.
    private static readonly (string From, string To)[] Pairs =
    [
        // Cyrillic capitals and small letters that look Latin.
        ("А", "a"), ("В", "b"), ("Е", "e"), ("Ѕ", "s"), ("І", "i"), ("Ј", "j"), ("К", "k"), ("М", "m"), ("Н", "h"),
        ("О", "o"), ("Р", "p"), ("С", "c"), ("Т", "t"), ("Х", "x"), ("У", "y"), ("Ү", "y"), ("Ԛ", "q"), ("Ԝ", "w"),
        ("Ӏ", "l"), ("а", "a"), ("в", "b"), ("е", "e"), ("і", "i"), ("ј", "j"), ("к", "k"), ("м", "m"), ("н", "h"),
        ("о", "o"), ("р", "p"), ("с", "c"), ("т", "t"), ("х", "x"), ("у", "y"), ("ү", "y"), ("ѕ", "s"), ("ԁ", "d"),
        ("һ", "h"), ("ԛ", "q"), ("ԝ", "w"), ("ӏ", "l"), ("ɡ", "g"),
        // Greek capitals and small letters that look Latin.
        ("Α", "a"), ("Β", "b"), ("Ε", "e"), ("Ζ", "z"), ("Η", "h"), ("Ι", "i"), ("Κ", "k"), ("Μ", "m"), ("Ν", "n"),
        ("Ο", "o"), ("Ρ", "p"), ("Τ", "t"), ("Υ", "y"), ("Χ", "x"), ("α", "a"), ("ε", "e"), ("ι", "i"), ("κ", "k"),
        ("ν", "v"), ("ο", "o"), ("ρ", "p"), ("τ", "t"), ("υ", "u"), ("χ", "x"), ("γ", "y"), ("η", "n"), ("ϲ", "c"),
        ("ϳ", "j"),
        // Latin letters without a decomposition.
        ("ø", "o"), ("Ø", "o"), ("ł", "l"), ("Ł", "l"), ("đ", "d"), ("Đ", "d"), ("ħ", "h"), ("ı", "i"), ("ß", "ss"),
        ("æ", "ae"), ("Æ", "ae"), ("œ", "oe"), ("Œ", "oe"), ("þ", "th"), ("ð", "d"), ("ſ", "s"), ("ɑ", "a"),
        ("ɩ", "i"), ("ʟ", "l"),
    ];

    private static readonly FrozenDictionary<char, string> Map =
        Pairs.ToFrozenDictionary(p => p.From[0], p => p.To);

    /// <summary>The Latin lower-case replacement for <paramref name="c"/>, or null when it is not a look-alike.</summary>
    public static string? Fold(char c) => c < 0x80 ? null : Map.GetValueOrDefault(c);
}
