using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace EmailGuard.Gateway.Actions;

/// <summary>
/// The wording of sender notices: <c>notice-held|rejected|expired.txt|html</c> and the per-rule "what to do next"
/// texts <c>next-RULE.txt</c> (<c>next-default.txt</c> otherwise), with <c>{{name}}</c> placeholders. Read from the
/// Trust's template directory, falling back file by file to the shipped wording built into the gateway. Values are
/// stripped of control characters, and HTML-encoded for the HTML part: what a sender typed never becomes markup.
/// </summary>
public sealed partial class NoticeTemplates
{
    private readonly Dictionary<string, string> _files = new(StringComparer.OrdinalIgnoreCase);

    private NoticeTemplates()
    {
    }

    /// <summary>Loads every template once (the CLI and the service each at start).</summary>
    public static NoticeTemplates Load(string? directory)
    {
        var templates = new NoticeTemplates();
        var assembly = typeof(NoticeTemplates).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("templates/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            templates._files[name["templates/".Length..]] = reader.ReadToEnd();
        }
        if (directory is not null && Directory.Exists(directory))
        {
            foreach (var file in Directory.EnumerateFiles(directory).Where(f => f.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".html", StringComparison.OrdinalIgnoreCase)))
            {
                templates._files[Path.GetFileName(file)] = File.ReadAllText(file, Encoding.UTF8);
            }
        }
        return templates;
    }

    /// <summary>"What to do next" for one rule, plain text.</summary>
    public string NextSteps(string rule) =>
        (_files.GetValueOrDefault($"next-{rule}.txt") ?? _files.GetValueOrDefault("next-default.txt") ?? "").Trim();

    /// <summary>Renders <c>name.txt</c> and <c>name.html</c> with the same plain-text values.</summary>
    public (string Text, string Html) Render(string name, IReadOnlyDictionary<string, string> values) =>
        (Fill(_files.GetValueOrDefault(name + ".txt") ?? "", values, html: false),
         Fill(_files.GetValueOrDefault(name + ".html") ?? "", values, html: true));

    private static string Fill(string template, IReadOnlyDictionary<string, string> values, bool html) =>
        Placeholder().Replace(template, m =>
        {
            if (!values.TryGetValue(m.Groups[1].Value, out var value))
            {
                return m.Value; // a misspelt placeholder stays visible rather than silently empty
            }
            value = Clean(value);
            return html ? WebUtility.HtmlEncode(value).Replace("\n", "<br>\n", StringComparison.Ordinal) : value;
        });

    /// <summary>Keeps line breaks (values may be lists) and drops every other control character, CR included.</summary>
    public static string Clean(string value)
    {
        var s = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            s.Append(c == '\n' || !char.IsControl(c) ? c : ' ');
        }
        return s.ToString();
    }

    [GeneratedRegex(@"\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}")]
    private static partial Regex Placeholder();
}
