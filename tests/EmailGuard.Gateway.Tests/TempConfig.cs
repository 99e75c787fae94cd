namespace EmailGuard.Gateway.Tests;

/// <summary>A throw-away config directory, deleted on dispose.</summary>
internal sealed class TempConfig : IDisposable
{
    public TempConfig()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "emailguard-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    /// <summary>The smallest valid safety lexicon, for configs whose tests are not about it.</summary>
    public const string MinimalLexicon = "category,severity,phrase\nself-harm,high,kill myself\nignore,,kill two birds\n";

    public string Path { get; }

    /// <summary>Writes <see cref="MinimalLexicon"/> (or <paramref name="content"/>) at the default lexicon path.</summary>
    public void WriteLexicon(string content = MinimalLexicon) => Write("lexicon/safety-lexicon.csv", content);

    public void Write(string relativePath, string content)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a watcher may still hold the directory for a moment on some platforms.
        }
    }
}
