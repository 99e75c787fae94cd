using System.Collections.Frozen;
using System.Text;
using MimeKit.Text;

namespace EmailGuard.Policy.Safety;

/// <summary>
/// The visible text of HTML: character data with entities decoded; script and style content, comments and
/// markup dropped. Block-level tags separate words; inline ones (b, span, font …) do not, so
/// <c>k&lt;b&gt;il&lt;/b&gt;l</c> still reads "kill".
/// </summary>
internal static class HtmlText
{
    private static readonly FrozenSet<string> Inline = new[]
    {
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins", "kbd", "mark",
        "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static string Extract(TextReader html)
    {
        var text = new StringBuilder();
        var tokenizer = new HtmlTokenizer(html) { DecodeCharacterReferences = true };
        string? hiddenUntil = null; // the end tag that closes the script/style we are inside
        while (tokenizer.ReadNextToken(out var token))
        {
            switch (token)
            {
                case HtmlTagToken tag:
                    if (hiddenUntil is not null)
                    {
                        if (tag.IsEndTag && tag.Name.Equals(hiddenUntil, StringComparison.OrdinalIgnoreCase))
                        {
                            hiddenUntil = null;
                        }
                    }
                    else if (!tag.IsEndTag && !tag.IsEmptyElement && tag.Id is HtmlTagId.Script or HtmlTagId.Style)
                    {
                        hiddenUntil = tag.Name;
                    }
                    if (!Inline.Contains(tag.Name))
                    {
                        text.Append(' ');
                    }
                    break;
                case HtmlScriptDataToken:
                    break;
                case HtmlDataToken data when hiddenUntil is null:
                    text.Append(data.Data);
                    break;
            }
        }
        return text.ToString();
    }
}
