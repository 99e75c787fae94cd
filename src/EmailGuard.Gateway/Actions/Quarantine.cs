using EmailGuard.Gateway.Spool;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace EmailGuard.Gateway.Actions;

/// <summary>One held message as listed: its envelope (verdict included) and size on disk.</summary>
public sealed record HeldMessage(SpoolEnvelope Envelope, long Size);

/// <summary>
/// Held messages (the spool's Hold area) and what an operator or the retention does with them. Release is one atomic
/// rename into the queue, so a message is delivered at most once however often it is released; reject, purge and
/// expiry first claim the file (another rename) so they cannot race a release. Every action is audited.
/// </summary>
public sealed class Quarantine(MessageSpool spool, Notices notices, AuditLog audit, ILogger logger)
{
    public const string SystemActor = "emailguard (retention)";

    public IReadOnlyList<HeldMessage> List(QuarantineFilter filter)
    {
        var now = notices.Time.GetUtcNow();
        var held = new List<HeldMessage>();
        foreach (var id in spool.List(SpoolArea.Hold))
        {
            SpoolEnvelope? envelope;
            try
            {
                envelope = spool.ReadEnvelope(SpoolArea.Hold, id);
            }
            catch (IOException)
            {
                continue; // released or claimed while we looked
            }
            if (envelope is not null && filter.Matches(envelope, now))
            {
                held.Add(new HeldMessage(envelope, new FileInfo(spool.PathOf(SpoolArea.Hold, id)).Length));
            }
        }
        return held;
    }

    /// <summary>Delivers a held message as originally addressed. False when it is not (or no longer) held.</summary>
    public async Task<bool> ReleaseAsync(string id, string by, Action<string> kick, CancellationToken cancellationToken)
    {
        var envelope = spool.ReadEnvelope(SpoolArea.Hold, id);
        if (envelope is null || !await spool.ReleaseAsync(id, cancellationToken))
        {
            return false;
        }
        Audit(by, "release", envelope, null);
        kick(id);
        return true;
    }

    /// <summary>Deletes a held message and tells its (Trust) sender why. False when it is not held.</summary>
    public Task<bool> RejectAsync(string id, string reason, string by, CancellationToken cancellationToken) =>
        RemoveAsync(id, "reject", NoticeKind.Rejected, reason, by, cancellationToken);

    /// <summary>Deletes held messages without notices (e.g. a mail storm, or data that must go). Returns the ids removed.</summary>
    public async Task<IReadOnlyList<string>> PurgeAsync(QuarantineFilter filter, string by, string? reason, CancellationToken cancellationToken)
    {
        var purged = new List<string>();
        foreach (var held in List(filter))
        {
            if (await RemoveAsync(held.Envelope.Id, "purge", null, reason, by, cancellationToken))
            {
                purged.Add(held.Envelope.Id);
            }
        }
        return purged;
    }

    /// <summary>Removes held messages older than the retention, telling each sender. Returns how many.</summary>
    public async Task<int> ExpireAsync(CancellationToken cancellationToken)
    {
        var expired = 0;
        foreach (var held in List(new QuarantineFilter(OlderThan: notices.Options.Retention)))
        {
            if (await RemoveAsync(held.Envelope.Id, "expire", NoticeKind.Expired, $"not released within {SenderNotice.Duration(notices.Options.Retention)}", SystemActor, cancellationToken))
            {
                expired++;
            }
        }
        if (expired > 0)
        {
            ActionLog.Expired(logger, expired);
        }
        return expired;
    }

    private async Task<bool> RemoveAsync(string id, string action, NoticeKind? notice, string? reason, string by, CancellationToken cancellationToken)
    {
        var claimed = spool.ClaimHeld(id, notices.Time.GetUtcNow());
        if (claimed is null)
        {
            return false;
        }
        SpoolEnvelope envelope;
        string? subject;
        using (var message = spool.OpenClaimed(claimed))
        {
            envelope = message.Envelope;
            subject = notice is null ? null : ReadSubject(message.Content);
        }
        if (notice is { } kind)
        {
            await notices.NotifySenderAsync(kind, envelope, subject, reason, cancellationToken);
        }
        await spool.DeleteClaimedAsync(claimed, cancellationToken);
        Audit(by, action, envelope, reason);
        return true;
    }

    private void Audit(string by, string action, SpoolEnvelope envelope, string? reason)
    {
        audit.Append(new AuditEntry(notices.Time.GetUtcNow(), by, action, envelope.Id, envelope.Findings.Select(f => f.Rule).Distinct().ToList(), reason));
        ActionLog.QuarantineAction(logger, envelope.Id, action);
    }

    /// <summary>The decoded Subject from the message's header block (the body is not read).</summary>
    internal static string? ReadSubject(Stream content)
    {
        try
        {
            return HeaderList.Load(content)[HeaderId.Subject];
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
