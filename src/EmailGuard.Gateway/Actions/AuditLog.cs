using System.Text.Json;
using EmailGuard.Gateway.Spool;
using System.Text.Json.Serialization;

namespace EmailGuard.Gateway.Actions;

/// <summary>One quarantine action: when, who (OS user or <c>--by</c>), what, which message, why.</summary>
public sealed record AuditEntry(DateTimeOffset At, string By, string Action, string Id, IReadOnlyList<string> Rules, string? Reason);

/// <summary>
/// Append-only record of every release, reject, purge and expiry, as JSON lines in <c>DATA/audit/audit-YYYY-MM.jsonl</c>
/// (0600 in a 0700 directory). Entries carry ids, rule ids and the operator's reason, never addresses or subjects:
/// the message itself is gone or delivered, and the audit outlives it. Lines are written with O_APPEND in one write
/// and fsynced, so the CLI and the service can both append without interleaving.
/// </summary>
public sealed class AuditLog
{
    public AuditLog(string dataDirectory)
    {
        Directory = FileModes.CreateDirectory(Path.GetFullPath(Path.Combine(dataDirectory, "audit")), FileModes.PrivateDirectory);
    }

    public string Directory { get; }

    public void Append(AuditEntry entry)
    {
        var line = JsonSerializer.SerializeToUtf8Bytes(entry, AuditJson.Default.AuditEntry);
        var path = Path.Combine(Directory, $"audit-{entry.At.UtcDateTime:yyyy-MM}.jsonl");
        var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, BufferSize = 0 }.Creating(FileModes.Private);
        using var file = new FileStream(path, options);
        var buffer = new byte[line.Length + 1];
        line.CopyTo(buffer, 0);
        buffer[^1] = (byte)'\n';
        file.Write(buffer);
        file.Flush(flushToDisk: true);
    }

    /// <summary>Every entry, oldest first; lines that do not parse (a torn write after a crash) are skipped.</summary>
    public IEnumerable<AuditEntry> Read()
    {
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "audit-*.jsonl").Order(StringComparer.Ordinal))
        {
            foreach (var line in File.ReadLines(file))
            {
                AuditEntry? entry = null;
                try
                {
                    entry = JsonSerializer.Deserialize(line, AuditJson.Default.AuditEntry);
                }
                catch (JsonException)
                {
                }
                if (entry is not null)
                {
                    yield return entry;
                }
            }
        }
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AuditEntry))]
internal sealed partial class AuditJson : JsonSerializerContext;
