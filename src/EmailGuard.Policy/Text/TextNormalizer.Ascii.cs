using System.Buffers;

namespace EmailGuard.Policy.Text;

public static partial class TextNormalizer
{
    private const char Separator = '\0';
    private const char Nothing = '\x01';

    // What each ASCII character folds to, built from FoldAscii's own rules so the two paths cannot drift.
    private static readonly char[] PlainTable = AsciiTable(NormalizeOptions.None);
    private static readonly char[] LeetTable = AsciiTable(NormalizeOptions.FoldLeet);

    private static string NormalizeAscii(string text, bool leet)
    {
        var table = leet ? LeetTable : PlainTable;
        var buffer = ArrayPool<char>.Shared.Rent(text.Length);
        try
        {
            var length = 0;
            var pendingSpace = false;
            foreach (var c in text)
            {
                var folded = table[c];
                if (folded == Separator)
                {
                    pendingSpace = true;
                }
                else if (folded != Nothing)
                {
                    if (pendingSpace && length > 0)
                    {
                        buffer[length++] = ' ';
                    }
                    pendingSpace = false;
                    buffer[length++] = folded;
                }
            }
            return new string(buffer, 0, length);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static void AppendFolded(char folded, ref Output output)
    {
        if (folded == Separator)
        {
            output.Separate();
        }
        else if (folded != Nothing)
        {
            output.Append(folded);
        }
    }

    private static char[] AsciiTable(NormalizeOptions options)
    {
        var table = new char[128];
        for (var c = 0; c < 128; c++)
        {
            var output = new Output(new System.Text.StringBuilder("x"));
            FoldAscii((char)c, options, ref output);
            var text = output.Text.ToString();
            // "x" plus: nothing (drawn as nothing), or one folded letter, or a pending separator before the next one.
            output.Append('y');
            table[c] = text.Length == 2 ? text[1] : output.Text.ToString() == "x y" ? Separator : Nothing;
        }
        return table;
    }
}
