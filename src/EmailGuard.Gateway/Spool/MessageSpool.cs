using System.Buffers;
using System.Text;
using System.Text.Json;

namespace EmailGuard.Gateway.Spool;

/// <summary>
/// The durable store. One file per message, <c>ID.msg</c>: a magic line, the envelope as one JSON line, then the
/// message bytes exactly as they will be forwarded. A message is written to <c>tmp/</c>, fsynced, renamed into
/// <c>queue/</c> or <c>hold/</c>, and the directory fsynced (batched across sessions) before the caller may say 250.
/// Anything left in <c>tmp/</c> after a crash never got 250 and is removed at start.
/// </summary>
public sealed partial class MessageSpool
{
    private static readonly byte[] Magic = "EGSPOOL1\n"u8.ToArray();

    private readonly string _tmp;
    private readonly Dictionary<SpoolArea, (string Path, DirectorySync Sync)> _areas;

    public MessageSpool(string dataDirectory)
    {
        Root = CreatePrivateDirectory(Path.GetFullPath(Path.Combine(dataDirectory, "spool")));
        _tmp = CreatePrivateDirectory(Path.Combine(Root, "tmp"));
        KickDirectory = CreatePrivateDirectory(Path.Combine(Root, "kick"));
        _areas = new()
        {
            [SpoolArea.Queue] = Area(Path.Combine(Root, "queue")),
            [SpoolArea.Hold] = Area(Path.Combine(Root, "hold")),
        };
        static (string, DirectorySync) Area(string p) => (CreatePrivateDirectory(p), new DirectorySync(p));
    }

    public string Root { get; }

    /// <summary>How many unfinished writes <see cref="Recover"/> dropped; null until it has run.</summary>
    public int? Recovered { get; private set; }

    /// <summary>The CLI drops an empty file named after a queue id here to ask the running service to retry it now.</summary>
    public string KickDirectory { get; }

    /// <summary>Asks for an immediate retry: due now after a restart too, and the live service is told through <see cref="KickDirectory"/>.</summary>
    public bool RequestRetry(string id)
    {
        if (!File.Exists(PathOf(SpoolArea.Queue, id)))
        {
            return false;
        }
        if (ReadState(id) is { } state)
        {
            WriteState(id, state with { NextAttemptAt = DateTimeOffset.UnixEpoch });
        }
        File.WriteAllBytes(Path.Combine(KickDirectory, id), []);
        return true;
    }

    /// <summary>Takes the pending retry requests (deleting them).</summary>
    public IReadOnlyList<string> TakeKicks()
    {
        var ids = new List<string>();
        foreach (var f in Directory.EnumerateFiles(KickDirectory))
        {
            var id = Path.GetFileName(f);
            File.Delete(f);
            if (QueueId.IsValid(id))
            {
                ids.Add(id);
            }
        }
        return ids;
    }

    public string PathOf(SpoolArea area, string id) => Path.Combine(_areas[area].Path, id + ".msg");

    private string StatePath(string id) => Path.Combine(_areas[SpoolArea.Queue].Path, id + ".state");

    /// <summary>Writes the envelope and the message parts, durably. Returns when a crash can no longer lose it.</summary>
    public async Task CommitAsync(SpoolEnvelope envelope, SpoolArea area, IReadOnlyList<ReadOnlySequence<byte>> parts, CancellationToken cancellationToken)
    {
        var tmp = Path.Combine(_tmp, envelope.Id + ".msg");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, BufferSize = 0 }.Creating(FileModes.Private);
        var header = new ArrayBufferWriter<byte>(1024);
        header.Write(Magic);
        using (var json = new Utf8JsonWriter(header))
        {
            JsonSerializer.Serialize(json, envelope, SpoolJson.Default.SpoolEnvelope);
        }
        header.Write("\n"u8);
        var buffers = new List<ReadOnlyMemory<byte>> { header.WrittenMemory };
        foreach (var part in parts)
        {
            foreach (var segment in part)
            {
                buffers.Add(segment);
            }
        }
        using (var file = new FileStream(tmp, options))
        {
            // One gathered write (pwritev) and one fsync: the fewest system calls for a durable message.
            RandomAccess.Write(file.SafeFileHandle, buffers, 0);
            RandomAccess.FlushToDisk(file.SafeFileHandle);
        }
        var (dir, sync) = _areas[area];
        File.Move(tmp, Path.Combine(dir, envelope.Id + ".msg"));
        await sync.SyncAsync().WaitAsync(cancellationToken);
    }

    /// <summary>Opens a spooled message: its envelope, and a stream positioned at the first byte of the message.</summary>
    public SpooledMessage? Open(SpoolArea area, string id)
    {
        FileStream file;
        try
        {
            file = new FileStream(PathOf(area, id), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        try
        {
            var envelope = ReadEnvelope(file, id);
            return new SpooledMessage(envelope, file);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public SpoolEnvelope? ReadEnvelope(SpoolArea area, string id)
    {
        using var message = Open(area, id);
        return message?.Envelope;
    }

    private static SpoolEnvelope ReadEnvelope(FileStream file, string id)
    {
        Span<byte> magic = stackalloc byte[Magic.Length];
        file.ReadExactly(magic);
        if (!magic.SequenceEqual(Magic))
        {
            throw new InvalidDataException($"spool file {id} has no EGSPOOL1 header");
        }
        var line = new List<byte>(512);
        int b;
        while ((b = file.ReadByte()) is not (-1 or '\n'))
        {
            line.Add((byte)b);
        }
        return JsonSerializer.Deserialize(line.ToArray(), SpoolJson.Default.SpoolEnvelope)
            ?? throw new InvalidDataException($"spool file {id} has an empty envelope");
    }

    /// <summary>Ids in an area, oldest first (ids sort by arrival).</summary>
    public IReadOnlyList<string> List(SpoolArea area) =>
        Directory.EnumerateFiles(_areas[area].Path, "*.msg")
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>How many messages an area holds (for metrics; cheaper than <see cref="List"/>: no sort).</summary>
    public int Count(SpoolArea area) => Directory.EnumerateFiles(_areas[area].Path, "*.msg").Count();

    /// <summary>The id of the oldest message in an area, or null when it is empty.</summary>
    public string? Oldest(SpoolArea area) =>
        Directory.EnumerateFiles(_areas[area].Path, "*.msg")
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Where(QueueId.IsValid)
            .Min(StringComparer.Ordinal);

    /// <summary>Writes and removes a small file where messages are written first: false (with the reason) if that fails.</summary>
    public bool ProbeWritable(out string? error)
    {
        var probe = Path.Combine(_tmp, "health-" + Guid.NewGuid().ToString("N") + ".probe");
        try
        {
            File.WriteAllBytes(probe, "ok"u8.ToArray());
            File.Delete(probe);
            error = null;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"{e.GetType().Name}: {e.Message}";
            return false;
        }
    }

    public DeliveryState? ReadState(string id)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(StatePath(id)), SpoolJson.Default.DeliveryState);
        }
        catch (Exception e) when (e is FileNotFoundException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Replaces the state atomically (write + rename); not fsynced: see <see cref="DeliveryState"/>.</summary>
    public void WriteState(string id, DeliveryState state)
    {
        var tmp = Path.Combine(_tmp, id + ".state");
        File.WriteAllBytes(tmp, JsonSerializer.SerializeToUtf8Bytes(state, SpoolJson.Default.DeliveryState));
        File.Move(tmp, StatePath(id), overwrite: true);
    }

    /// <summary>Removes a message (and its state, when it has one) for good; false when there was no such message.</summary>
    public bool Delete(SpoolArea area, string id, bool hasState = true)
    {
        var path = PathOf(area, id);
        if (!File.Exists(path))
        {
            return false;
        }
        File.Delete(path);
        if (area == SpoolArea.Queue && hasState)
        {
            File.Delete(StatePath(id));
        }
        return true;
    }

    /// <summary>Ids in the queue that have a delivery state (deferred at least once).</summary>
    public IReadOnlySet<string> IdsWithState() =>
        Directory.EnumerateFiles(_areas[SpoolArea.Queue].Path, "*.state").Select(Path.GetFileNameWithoutExtension).OfType<string>().ToHashSet(StringComparer.Ordinal);

    /// <summary>Drops half-written files (they never got 250) and states whose message is gone.</summary>
    public int Recover()
    {
        if (Recovered is { } done)
        {
            return done;
        }
        var removed = 0;
        foreach (var f in Directory.EnumerateFiles(_tmp))
        {
            File.Delete(f);
            removed++;
        }
        foreach (var state in Directory.EnumerateFiles(_areas[SpoolArea.Queue].Path, "*.state"))
        {
            if (!File.Exists(Path.ChangeExtension(state, ".msg")))
            {
                File.Delete(state);
            }
        }
        Recovered = removed;
        return removed;
    }

    private static string CreatePrivateDirectory(string path) => FileModes.CreateDirectory(path, FileModes.PrivateDirectory);
}
