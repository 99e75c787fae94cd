using System.Globalization;
using System.Text;

namespace EmailGuard.Policy.Text;

/// <summary>
/// Reduces text to the form people read, so rules compare what a reader sees rather than the code points sent:
/// NFKD with marks stripped (Zoë = Zoe, full-width and mathematical letters = ASCII), invisible characters
/// removed, Cyrillic/Greek look-alikes folded to Latin, lower case, punctuation to spaces, spaces collapsed.
/// Apostrophes are dropped rather than spaced so "O'Brien" and "OBrien" agree.
/// </summary>
public static class TextNormalizer
{
    /// <summary>Normalises <paramref name="text"/>; the result is tokens separated by single spaces, no ends.</summary>
    public static string Normalize(string? text, NormalizeOptions options = NormalizeOptions.None)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }
        // NFKD is the expensive step; plain ASCII (most subjects) is already decomposed.
        var decomposed = System.Text.Ascii.IsValid(text) ? text : Decompose(text);
        var output = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var rune in decomposed.EnumerateRunes())
        {
            var folded = FoldRune(rune, options);
            if (folded is null)
            {
                continue;
            }
            if (folded.Length == 0)
            {
                pendingSpace = true;
                continue;
            }
            if (pendingSpace && output.Length > 0)
            {
                output.Append(' ');
            }
            pendingSpace = false;
            output.Append(folded);
        }
        return output.ToString();
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

    // null: drop the rune; "": a separator; otherwise the text to emit.
    private static string? FoldRune(Rune rune, NormalizeOptions options)
    {
        var value = rune.Value;
        if (value < 0x80)
        {
            return FoldAscii((char)value, options);
        }
        var category = Rune.GetUnicodeCategory(rune);
        if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
            or UnicodeCategory.EnclosingMark or UnicodeCategory.Format || IsInvisible(value))
        {
            return null;
        }
        if (value is 0x2018 or 0x2019 or 0x02BC or 0x02B9 or 0x2032)
        {
            return null; // typographic apostrophes, as '\''
        }
        if (rune.IsBmp && Confusables.Fold((char)value) is { } latin)
        {
            return latin;
        }
        if (Rune.IsLetterOrDigit(rune))
        {
            return Rune.ToLowerInvariant(rune).ToString();
        }
        return string.Empty;
    }

    private static string? FoldAscii(char c, NormalizeOptions options)
    {
        if ((options & NormalizeOptions.FoldLeet) != 0 && LeetLetter(c) is { } letter)
        {
            return letter;
        }
        if (char.IsAsciiLetterOrDigit(c))
        {
            return char.ToLowerInvariant(c).ToString();
        }
        if (c is '\'' or '`')
        {
            return null;
        }
        if ((options & NormalizeOptions.KeepPunctuation) != 0 && c > ' ' && c < 0x7F)
        {
            return c.ToString();
        }
        return c < ' ' && c is not ('\t' or '\r' or '\n') ? null : string.Empty;
    }

    private static string? LeetLetter(char c) => c switch
    {
        '3' => "e",
        '1' => "i",
        '0' => "o",
        '4' => "a",
        '5' => "s",
        '7' => "t",
        '@' => "a",
        '$' => "s",
        _ => null,
    };

    // Characters that draw nothing but are letters or symbols by category, so the Cf test misses them.
    private static bool IsInvisible(int value) =>
        value is 0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x2800 or 0x180E or 0x200B or 0x2060 or 0xFEFF
        || (value >= 0xE0000 && value <= 0xE0FFF);
}
