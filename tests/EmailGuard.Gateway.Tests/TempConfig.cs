namespace EmailGuard.Gateway.Tests;

/// <summary>A throw-away config directory, deleted on dispose.</summary>
internal sealed class TempConfig : IDisposable
{
    public TempConfig()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "emailguard-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

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
