using System.Text.Json;
using EmailGuard.Gateway.Spool;
using Microsoft.Extensions.Logging;

namespace EmailGuard.Gateway.Delivery;

/// <summary>
/// Writes each message to a directory instead of relaying it: the default, so a newcomer sees results
/// without a server, and a handy drop for tests and for an MTA that watches a directory.
/// </summary>
/// <remarks>
/// Per message: <c>&lt;id&gt;.eml</c> (the exact bytes) then <c>&lt;id&gt;.envelope.json</c>. Each is written
/// to a hidden <c>.&lt;name&gt;.tmp</c>, flushed to disk and renamed, so a reader never sees half a file.
/// The sidecar is renamed last: <b>readers should act on <c>*.envelope.json</c></b>; when it exists the
/// .eml beside it is complete. Ids are UUIDv7 in hex, so names sort by time (millisecond resolution).
/// Both files and the directory entries are on disk (fsync, then fsync of the directory) before Delivered is
/// reported, because Delivered lets the spool drop its copy. The messages are personal data about children:
/// the directory is 0750 and the files 0640, so a reader must run as the service's user or in its group.
/// </remarks>
public sealed class PickupDirectoryUpstream : IUpstream
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly TimeProvider _timeProvider;
    private readonly DirectorySync _sync;
    private readonly ILogger _logger;

    public PickupDirectoryUpstream(string directory, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        Directory = Path.GetFullPath(directory);
        _timeProvider = timeProvider;
        _logger = loggerFactory.CreateLogger<PickupDirectoryUpstream>();
        _sync = new DirectorySync(Directory);
        CreateDirectory();
        DeliveryLog.PickupDirectory(_logger, Directory);
    }

    public string Directory { get; }

    public async Task<DeliveryOutcome> SendAsync(string mailFrom, IReadOnlyList<string> recipients, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mailFrom);
        ArgumentNullException.ThrowIfNull(recipients);
        ArgumentNullException.ThrowIfNull(content);

        var writtenAt = _timeProvider.GetUtcNow();
        var id = Guid.CreateVersion7(writtenAt).ToString("N");
        var envelope = new PickupEnvelope(mailFrom, recipients, writtenAt);
        try
        {
            // Again on every send: an operator clearing the outbox by deleting it must not stall delivery.
            CreateDirectory();
            await WriteAtomicallyAsync($"{id}.eml", s => content.CopyToAsync(s, cancellationToken), cancellationToken);
            await WriteAtomicallyAsync($"{id}.envelope.json", s => JsonSerializer.SerializeAsync(s, envelope, Json, cancellationToken), cancellationToken);
            // One directory fsync covers both renames (and, batched, every other send's).
            await _sync.SyncAsync().WaitAsync(cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            DeliveryLog.PickupWriteFailed(_logger, e.GetType().Name);
            return AllRecipients(recipients, RecipientStatus.Deferred, $"pickup directory write failed: {e.GetType().Name}");
        }
        return AllRecipients(recipients, RecipientStatus.Delivered, $"250 written to pickup directory as {id}.eml");
    }

    private async Task WriteAtomicallyAsync(string name, Func<Stream, Task> write, CancellationToken cancellationToken)
    {
        var final = Path.Combine(Directory, name);
        var temporary = Path.Combine(Directory, $".{name}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, BufferSize = 64 * 1024, Options = FileOptions.Asynchronous }
                .Creating(FileModes.GroupReadable);
            await using (var stream = new FileStream(temporary, options))
            {
                await write(stream);
                await stream.FlushAsync(cancellationToken);
                // Delivered means the spool may drop its copy, so the bytes must be on disk first.
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, final);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    private void CreateDirectory() => FileModes.CreateDirectory(Directory, FileModes.GroupReadableDirectory);

    private static DeliveryOutcome AllRecipients(IReadOnlyList<string> recipients, RecipientStatus status, string reply)
        => new(recipients.Select(r => new RecipientResult(r, status, reply)).ToList());

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>The sidecar's shape: <c>{"mailFrom": "...", "recipients": [...], "writtenAt": "..."}</c>.</summary>
public sealed record PickupEnvelope(string MailFrom, IReadOnlyList<string> Recipients, DateTimeOffset WrittenAt);
