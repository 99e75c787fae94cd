using System.Text.Encodings.Web;
using System.Text.Json;
using EmailGuard.Policy;

namespace EmailGuard.Cli;

/// <summary>Prints a verdict for people (text) or scripts (one JSON object, actions in lower case).</summary>
internal static class VerdictWriter
{
    public static void WriteText(Verdict verdict, TextWriter output)
    {
        output.WriteLine($"Verdict: {Name(verdict.Action)} ({verdict.Findings.Count} finding(s))");
        foreach (var f in verdict.Findings)
        {
            var observe = f.Observe ? ", observe only" : "";
            var copyTo = f.CopyTo is { } to ? $" (copy only to {string.Join(", ", to)})" : "";
            output.WriteLine($"  [{Name(f.Action)}{observe}] {f.Rule} (policy {f.Clause}): {f.Evidence}{copyTo}");
        }
    }

    public static void WriteJson(Verdict verdict, TextWriter output)
    {
        using var buffer = new MemoryStream();
        // Relaxed escaping keeps names with accents readable; output is for terminals and scripts, not HTML.
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("action", Name(verdict.Action));
            json.WriteStartArray("findings");
            foreach (var f in verdict.Findings)
            {
                json.WriteStartObject();
                json.WriteString("rule", f.Rule);
                json.WriteString("clause", f.Clause);
                json.WriteString("action", Name(f.Action));
                json.WriteBoolean("observe", f.Observe);
                json.WriteString("evidence", f.Evidence);
                if (f.CopyTo is { } copyTo)
                {
                    json.WriteStartArray("copyTo");
                    foreach (var address in copyTo)
                    {
                        json.WriteStringValue(address);
                    }
                    json.WriteEndArray();
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static string Name(RuleAction action) => action.ToString().ToLowerInvariant();
}
