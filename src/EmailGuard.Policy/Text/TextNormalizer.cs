using System.Globalization;
using System.Text;

namespace EmailGuard.Policy.Text;

/// <summary>
/// Reduces text to the form people read, so rules compare what a reader sees rather than the code points sent:
/// NFKD with marks stripped (Zoë = Zoe, full-width and mathematical letters = ASCII), invisible characters
/// removed, Cyrillic/Greek look-alikes folded to Latin, lower case, punctuation to spaces, spaces collapsed.
/// Apostrophes are dropped rather than spaced so "O'Brien" and "OBrien" agree.
/// </summary>
public static partial class TextNormalizer
{
    /// <summary>Normalises <paramref name="text"/>; the result is tokens separated by single spaces, no ends.</summary>
    public static string Normalize(string? text, NormalizeOptions options = NormalizeOptions.None)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }
        // NFKD is the expensive step; plain ASCII (most subjects and bodies) is already decomposed, and folds
        // through a table (about ten times faster, which matters for the safety scan of a whole body).
        var ascii = System.Text.Ascii.IsValid(text);
        if (ascii && (options & NormalizeOptions.KeepPunctuation) == 0)
        {
            return NormalizeAscii(text, (options & NormalizeOptions.FoldLeet) != 0);
        }
        var output = new Output(new StringBuilder(text.Length));
        var table = (options & NormalizeOptions.KeepPunctuation) != 0 ? null
            : (options & NormalizeOptions.FoldLeet) != 0 ? LeetTable : PlainTable;
        // Only the non-ASCII runs are decomposed: ASCII neither decomposes nor reorders under NFKD, so per-run
        // NFKD equals whole-text NFKD, and one en dash no longer sends a whole 20 KB body through ICU.
        var span = text.AsSpan();
        for (var i = 0; i < span.Length;)
        {
            var asciiRun = span[i..].IndexOfAnyExceptInRange('\0', '\x7F');
            var asciiEnd = asciiRun < 0 ? span.Length : i + asciiRun;
            for (; i < asciiEnd; i++)
            {
                if (table is not null)
                {
                    AppendFolded(table[span[i]], ref output);
                }
                else
                {
                    FoldAscii(span[i], options, ref output);
                }
            }
            if (i == span.Length)
            {
                break;
            }
            var otherRun = span[i..].IndexOfAnyInRange('\0', '\x7F');
            var otherEnd = otherRun < 0 ? span.Length : i + otherRun;
            FoldRun(Decompose(text[i..otherEnd]), options, table, ref output);
            i = otherEnd;
        }
        return output.Text.ToString();
    }

    private static void FoldRun(string decomposed, NormalizeOptions options, char[]? table, ref Output output)
    {
        for (var i = 0; i < decomposed.Length; i++)
        {
            var c = decomposed[i];
            if (c < 0x80 && table is not null)
            {
                AppendFolded(table[c], ref output);
                continue;
            }
            if (!Rune.TryGetRuneAt(decomposed, i, out var rune))
            {
                rune = Rune.ReplacementChar; // a lone surrogate, as EnumerateRunes would give it
            }
            else if (rune.Utf16SequenceLength == 2)
            {
                i++;
            }
            Fold(rune, options, ref output);
        }
    }

    private static string Decompose(string text)
    {
        try
        {
            return text.Normalize(NormalizationForm.FormKD);
        }
        catch (ArgumentException)
        {
            // Lone surrogates cannot be normalised; fold what we can rather than fail the message.
            return text;
        }
    }

    // Appends what a reader sees for one rune: nothing (marks, invisibles), a separator, or letters.
    private static void Fold(Rune rune, NormalizeOptions options, ref Output output)
    {
        var value = rune.Value;
        if (value < 0x80)
        {
            FoldAscii((char)value, options, ref output);
            return;
        }
        var category = Rune.GetUnicodeCategory(rune);
        if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
            or UnicodeCategory.EnclosingMark or UnicodeCategory.Format || IsInvisible(value)
            || value is 0x2018 or 0x2019 or 0x02BC or 0x02B9 or 0x2032) // typographic apostrophes, as '\''
        {
            return;
        }
        if (rune.IsBmp && Confusables.Fold((char)value) is { } latin)
        {
            output.Append(latin);
        }
        else if (Rune.IsLetterOrDigit(rune))
        {
            output.Append(Rune.ToLowerInvariant(rune));
        }
        else
        {
            output.Separate();
        }
    }

    private static void FoldAscii(char c, NormalizeOptions options, ref Output output)
    {
        if ((options & NormalizeOptions.FoldLeet) != 0 && LeetLetter(c) is { } letter)
        {
            output.Append(letter);
        }
        else if (char.IsAsciiLetterOrDigit(c))
        {
            output.Append(char.ToLowerInvariant(c));
        }
        else if (c is '\'' or '`' || (c < ' ' && c is not ('\t' or '\r' or '\n')))
        {
            // Apostrophes join ("O'Brien" = "OBrien"); control characters draw nothing.
        }
        else if ((options & NormalizeOptions.KeepPunctuation) != 0 && c > ' ' && c < 0x7F)
        {
            output.Append(c);
        }
        else
        {
            output.Separate();
        }
    }

    private static char? LeetLetter(char c) => c switch
    {
        '3' => 'e',
        '1' => 'i',
        '0' => 'o',
        '4' => 'a',
        '5' => 's',
        '7' => 't',
        '@' => 'a',
        '$' => 's',
        _ => null,
    };

    /// <summary>Builds the result with single spaces between tokens and none at either end.</summary>
    private struct Output(StringBuilder text)
    {
        private bool _pendingSpace;

        public readonly StringBuilder Text => text;

        public void Separate() => _pendingSpace = true;

        public void Append(char c)
        {
            BeforeToken();
            text.Append(c);
        }

        public void Append(string s)
        {
            BeforeToken();
            text.Append(s);
        }

        public void Append(Rune rune)
        {
            BeforeToken();
            Span<char> buffer = stackalloc char[2];
            text.Append(buffer[..rune.EncodeToUtf16(buffer)]);
        }

        private void BeforeToken()
        {
            if (_pendingSpace && text.Length > 0)
            {
                text.Append(' ');
            }
            _pendingSpace = false;
        }
    }

    // Characters that draw nothing but are letters or symbols by category, so the Cf test misses them.
    private static bool IsInvisible(int value) =>
        value is 0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x2800 or 0x180E or 0x200B or 0x2060 or 0xFEFF
        || (value >= 0xE0000 && value <= 0xE0FFF);
}
