namespace EmailGuard.Gateway.Spool;

/// <summary>
/// Quarantine moves. Each is a single rename(2) inside the spool, so it is atomic and has exactly one winner:
/// release (hold → queue) and claim (hold → <c>ID.claimed</c>, for reject, purge and expiry) exclude each other.
/// </summary>
public sealed partial class MessageSpool
{
    /// <summary>
    /// Moves a held message into the delivery queue with one rename(2): atomic, so of two releases exactly one
    /// finds the file and the other is told it is gone; a crash leaves it either held or queued, never both.
    /// </summary>
    public async Task<bool> ReleaseAsync(string id, CancellationToken cancellationToken)
    {
        if (!TryRename(PathOf(SpoolArea.Hold, id), PathOf(SpoolArea.Queue, id)))
        {
            return false;
        }
        await _areas[SpoolArea.Queue].Sync.SyncAsync().WaitAsync(cancellationToken);
        await _areas[SpoolArea.Hold].Sync.SyncAsync().WaitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Takes a held message for rejecting, expiring or purging: renamed to <c>ID.claimed</c> (atomic, one caller
    /// wins) so no release can deliver it meanwhile, and stamped with <paramref name="now"/> so an unfinished claim
    /// can be told from one in progress. Null when it is gone. Finish with <see cref="DeleteClaimedAsync"/>.
    /// </summary>
    public string? ClaimHeld(string id, DateTimeOffset now)
    {
        var claimed = ClaimedPath(id);
        if (!TryRename(PathOf(SpoolArea.Hold, id), claimed))
        {
            return null;
        }
        File.SetLastWriteTimeUtc(claimed, now.UtcDateTime);
        return claimed;
    }

    /// <summary>Opens a claimed file like <see cref="Open"/>.</summary>
    public SpooledMessage OpenClaimed(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024, FileOptions.SequentialScan);
        try
        {
            return new SpooledMessage(ReadEnvelope(file, Path.GetFileNameWithoutExtension(path)), file);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Unlinks a claimed message for good and makes that durable.</summary>
    public async Task DeleteClaimedAsync(string path, CancellationToken cancellationToken)
    {
        File.Delete(path);
        await _areas[SpoolArea.Hold].Sync.SyncAsync().WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Puts back claims older than <paramref name="grace"/>: their reject, purge or expiry never finished (a crash),
    /// and a message is better held twice than lost unreviewed. Younger claims may be a CLI at work right now.
    /// </summary>
    public int RestoreClaims(DateTimeOffset now, TimeSpan grace)
    {
        var restored = 0;
        foreach (var claimed in Directory.EnumerateFiles(_areas[SpoolArea.Hold].Path, "*.claimed"))
        {
            if (now.UtcDateTime - File.GetLastWriteTimeUtc(claimed) >= grace && TryRename(claimed, Path.ChangeExtension(claimed, ".msg")))
            {
                restored++;
            }
        }
        return restored;
    }

    private string ClaimedPath(string id) => Path.Combine(_areas[SpoolArea.Hold].Path, id + ".claimed");

    // File.Move with overwrite is a plain rename(2); without it .NET may link + unlink, which a crash can leave half done.
    private static bool TryRename(string from, string to)
    {
        try
        {
            File.Move(from, to, overwrite: true);
            return true;
        }
        catch (FileNotFoundException)
        {
            return false;
        }
    }
}
