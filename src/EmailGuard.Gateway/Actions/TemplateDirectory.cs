namespace EmailGuard.Gateway.Actions;

/// <summary>
/// The Trust's notice wording, re-read when a file in its directory changes, so wording is edited live like the
/// policy. Notices are rare (held, rejected, expired mail), so listing the directory per notice costs nothing and
/// needs no watcher. A directory that cannot be read keeps the wording last read.
/// </summary>
public sealed class TemplateDirectory(string directory)
{
    private readonly Lock _gate = new();
    private string? _stamp;
    private NoticeTemplates? _templates;

    public NoticeTemplates Current
    {
        get
        {
            lock (_gate)
            {
                try
                {
                    var stamp = Stamp();
                    if (_templates is null || stamp != _stamp)
                    {
                        _templates = NoticeTemplates.Load(directory);
                        _stamp = stamp;
                    }
                }
                catch (Exception e) when ((e is IOException or UnauthorizedAccessException) && _templates is not null)
                {
                }
                return _templates;
            }
        }
    }

    private string Stamp()
    {
        if (!Directory.Exists(directory))
        {
            return "";
        }
        return string.Join('|', new DirectoryInfo(directory).EnumerateFiles()
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => $"{f.Name}:{f.Length}:{f.LastWriteTimeUtc.Ticks}"));
    }
}
