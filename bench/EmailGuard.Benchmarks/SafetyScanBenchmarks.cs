using BenchmarkDotNet.Attributes;
using EmailGuard.Policy.Safety;
using EmailGuard.Policy.Text;
using MimeKit;

namespace EmailGuard.Benchmarks;

/// <summary>
/// The safety scan of a 20 KB body in its three steps, so a change to one shows on its own: reading the text
/// parts, normalising, and looking phrases up. A body with one typographic dash takes the normaliser's mixed
/// (non-ASCII) path, as most real mail written in a word processor does.
/// </summary>
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Disposed in [GlobalCleanup], BenchmarkDotNet's lifetime hook")]
public class SafetyScanBenchmarks
{
    private MimeMessage _message = new();
    private string _body = "";
    private NormalizedText _normalized = null!;
    private PhraseIndex _index = null!;

    [Params(false, true)]
    public bool NonAscii { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var bytes = BenchmarkTrust.Message(20 * 1024);
        if (NonAscii)
        {
            var text = System.Text.Encoding.UTF8.GetString(bytes);
            var body = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            bytes = System.Text.Encoding.UTF8.GetBytes(text[..body] + text[body..].Replace("by Friday.", "by Friday \u2013", StringComparison.Ordinal));
        }
        using var stream = new MemoryStream(bytes);
        _message = MimeMessage.Load(stream);
        _body = _message.TextBody ?? "";
        _normalized = TextNormalizer.NormalizePooled(_body, NormalizeOptions.FoldLeet);
        _index = new PhraseIndex(BenchmarkTrust.Lexicon());
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _message.Dispose();
        _normalized.Dispose();
    }

    [Benchmark]
    public int ReadText()
    {
        var chars = 0;
        MessageText.Read(_message, 1_000_000, (_, text) => chars += text.Length);
        return chars;
    }

    [Benchmark]
    public int Normalize()
    {
        using var normalized = TextNormalizer.NormalizePooled(_body, NormalizeOptions.FoldLeet);
        return normalized.Spaces.Length;
    }

    [Benchmark]
    public int Scan()
    {
        var matches = new List<PhraseMatch>();
        _index.Scan(_normalized, matches);
        return matches.Count;
    }
}
