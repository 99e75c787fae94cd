using System.Text.Json;
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
/// The files are flushed to disk before Delivered is reported; the directory entry itself is not
/// fsynced (.NET cannot open a directory), so a power cut right after a rename may lose it.
/// </remarks>
public sealed class PickupDirectoryUpstream : IUpstream
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public PickupDirectoryUpstream(string directory, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        Directory = Path.GetFullPath(directory);
        _timeProvider = timeProvider;
        _logger = loggerFactory.CreateLogger<PickupDirectoryUpstream>();
        System.IO.Directory.CreateDirectory(Directory);
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
            System.IO.Directory.CreateDirectory(Directory);
            await WriteAtomicallyAsync($"{id}.eml", s => content.CopyToAsync(s, cancellationToken), cancellationToken);
            await WriteAtomicallyAsync($"{id}.envelope.json", s => JsonSerializer.SerializeAsync(s, envelope, Json, cancellationToken), cancellationToken);
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
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
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

    private static DeliveryOutcome AllRecipients(IReadOnlyList<string> recipients, RecipientStatus status, string reply)
        => new(recipients.Select(r => new RecipientResult(r, status, reply)).ToList());

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>The sidecar's shape: <c>{"mailFrom": "...", "recipients": [...], "writtenAt": "..."}</c>.</summary>
public sealed record PickupEnvelope(string MailFrom, IReadOnlyList<string> Recipients, DateTimeOffset WrittenAt);
