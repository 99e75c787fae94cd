namespace EmailGuard.Policy.Text;

public static partial class TextNormalizer
{
    private const char Separator = '\0';
    private const char Nothing = '\x01';

    // What each ASCII character folds to under each combination of options (indexed by the flags), built from
    // FoldAscii's own rules so the table cannot drift from them; one lookup per character instead of its branches.
    private static readonly char[][] AsciiTables =
        [.. Enumerable.Range(0, 4).Select(options => AsciiTable((NormalizeOptions)options))];

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

    private static char[] AsciiTable(NormalizeOptions options)
    {
        var table = new char[128];
        for (var c = 0; c < 128; c++)
        {
            // Between "x" and "y": nothing ("xy"), a separator ("x y"), or one folded character.
            var output = new Output(4);
            output.Append('x');
            FoldAscii((char)c, options, ref output);
            output.Append('y');
            table[c] = output.Text switch
            {
                "xy" => Nothing,
                "x y" => Separator,
                var text => text[1],
            };
            output.Dispose();
        }
        return table;
    }
}
