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
        var output = new Output(text.Length + 1);
        try
        {
            Fold(text, options, ref output);
            return output.Text.ToString();
        }
        finally
        {
            output.Dispose();
        }
    }

    /// <summary>As <see cref="Normalize"/>, into pooled buffers the caller disposes, with where each space is.</summary>
    internal static NormalizedText NormalizePooled(ReadOnlySpan<char> text, NormalizeOptions options)
    {
        var output = new Output(text.Length + 1, recordSpaces: true);
        Fold(text, options, ref output);
        return output.Detach();
    }

    private static void Fold(ReadOnlySpan<char> text, NormalizeOptions options, ref Output output)
    {
        var table = AsciiTables[(int)options];
        // NFKD is the expensive step, so only the non-ASCII runs are decomposed: ASCII neither decomposes nor
        // reorders under NFKD, so per-run NFKD equals whole-text NFKD, and one en dash no longer sends a whole
        // 20 KB body through ICU. ASCII folds through a table.
        for (var i = 0; i < text.Length;)
        {
            var asciiRun = text[i..].IndexOfAnyExceptInRange('\0', '\x7F');
            var asciiEnd = asciiRun < 0 ? text.Length : i + asciiRun;
            output.AppendAscii(text[i..asciiEnd], table);
            if (asciiEnd == text.Length)
            {
                break;
            }
            var otherRun = text[asciiEnd..].IndexOfAnyInRange('\0', '\x7F');
            var otherEnd = otherRun < 0 ? text.Length : asciiEnd + otherRun;
            var run = text[asciiEnd..otherEnd];
            if (DecomposesToItself(run))
            {
                FoldRun(run, table, ref output);
            }
            else
            {
                FoldRun(Decompose(run.ToString()), table, ref output);
            }
            i = otherEnd;
        }
    }

    private static void FoldRun(ReadOnlySpan<char> decomposed, char[] table, ref Output output)
    {
        for (var i = 0; i < decomposed.Length; i++)
        {
            var c = decomposed[i];
            if (c < 0x80)
            {
                output.AppendAscii(decomposed.Slice(i, 1), table);
                continue;
            }
            if (Rune.DecodeFromUtf16(decomposed[i..], out var rune, out var used) != System.Buffers.OperationStatus.Done)
            {
                rune = Rune.ReplacementChar; // a lone surrogate, as EnumerateRunes would give it
            }
            i += used - 1;
            Fold(rune, ref output);
        }
    }

    /// <summary>
    /// Per BMP character: 0 not yet asked, 1 NFKD leaves it alone, 2 it decomposes. Filled as characters are seen
    /// (ICU once per character, not per message), so the typographic quotes and dashes that mail clients put in
    /// nearly every message skip ICU. Racing writers store the same answer.
    /// </summary>
    private static readonly byte[] NfkdStable = new byte[char.MaxValue + 1];

    /// <summary>
    /// True when NFKD of <paramref name="run"/> is <paramref name="run"/>: no character decomposes. Canonical
    /// reordering could still permute combining marks, but <see cref="Fold(Rune, ref Output)"/> drops marks, so
    /// the folded result is the same. Surrogates (astral characters) always go through ICU.
    /// </summary>
    private static bool DecomposesToItself(ReadOnlySpan<char> run)
    {
        foreach (var c in run)
        {
            var known = NfkdStable[c];
            if (known == 0)
            {
                known = char.IsSurrogate(c) || !c.ToString().IsNormalized(NormalizationForm.FormKD) ? (byte)2 : (byte)1;
                NfkdStable[c] = known;
            }
            if (known == 2)
            {
                return false;
            }
        }
        return true;
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

    // Appends what a reader sees for one non-ASCII rune: nothing (marks, invisibles), a separator, or letters.
    private static void Fold(Rune rune, ref Output output)
    {
        var value = rune.Value;
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

    // Characters that draw nothing but are letters or symbols by category, so the Cf test misses them.
    private static bool IsInvisible(int value) =>
        value is 0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x2800 or 0x180E or 0x200B or 0x2060 or 0xFEFF
        || (value >= 0xE0000 && value <= 0xE0FFF);
}
