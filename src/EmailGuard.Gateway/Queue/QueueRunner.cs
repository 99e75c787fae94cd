using System.Collections.Concurrent;
using EmailGuard.Gateway.Delivery;
using EmailGuard.Gateway.Metrics;
using EmailGuard.Gateway.Options;
using EmailGuard.Gateway.Policy;
using EmailGuard.Gateway.Spool;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmailGuard.Gateway.Queue;

/// <summary>
/// Delivers what the spool holds: a fixed set of workers take due ids, send the pending recipients upstream,
/// record progress, schedule retries with backoff, and after a permanent failure or the queue lifetime write one
/// non-delivery notice (Trust senders only: no backscatter). A message leaves the spool only when every recipient
/// has a final answer.
/// </summary>
public sealed class QueueRunner(
    MessageSpool spool,
    DeliveryQueue queue,
    NoticeQueue notices,
    IUpstream upstream,
    IPolicySource policy,
    IOptions<DeliveryOptions> options,
    IOptions<GatewayOptions> gateway,
    TimeProvider time,
    GatewayMetrics metrics,
    ILogger<QueueRunner> logger) : BackgroundService
{
    private readonly DeliveryOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, byte> _inFlight = new();

    // Which queued ids have an ID.state file. A message delivered at the first attempt (nearly all) never gets
    // one; knowing that saves a failed open, an exception and a failed unlink per message.
    private readonly ConcurrentDictionary<string, byte> _hasState = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var dropped = spool.Recover();
        var ids = spool.List(SpoolArea.Queue);
        foreach (var id in spool.IdsWithState())
        {
            _hasState[id] = 0;
        }
        foreach (var id in ids)
        {
            queue.Schedule(id, (_hasState.ContainsKey(id) ? spool.ReadState(id)?.NextAttemptAt : null) ?? time.GetUtcNow());
        }
        QueueLog.Recovered(logger, ids.Count, dropped);
        using var kicks = WatchKicks();
        var workers = Enumerable.Range(0, _options.Workers).Select(_ => WorkAsync(stoppingToken));
        await Task.WhenAll(workers);
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            string id;
            try
            {
                id = await queue.DequeueAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (!_inFlight.TryAdd(id, 0))
            {
                continue;
            }
            try
            {
                await AttemptAsync(id, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                QueueLog.AttemptCrashed(logger, e, id);
                queue.Schedule(id, time.GetUtcNow() + _options.RetryInitialDelay);
            }
            finally
            {
                _inFlight.TryRemove(id, out _);
            }
        }
    }

    /// <summary>`emailguard queue retry` drops a file in the kick directory; retry those ids now.</summary>
    private FileSystemWatcher WatchKicks()
    {
        var watcher = new FileSystemWatcher(spool.KickDirectory) { NotifyFilter = NotifyFilters.FileName };
        watcher.Created += (_, _) => DrainKicks();
        watcher.EnableRaisingEvents = true;
        DrainKicks();
        return watcher;
    }

    private void DrainKicks()
    {
        try
        {
            foreach (var id in spool.TakeKicks())
            {
                queue.Enqueue(id);
            }
        }
        catch (IOException)
        {
            // Another event is draining the same files; it will enqueue them.
        }
    }

    /// <summary>One delivery attempt for one message. Public for tests and the CLI's view of what a retry does.</summary>
    internal async Task AttemptAsync(string id, CancellationToken cancellationToken)
    {
        SpoolEnvelope envelope;
        DeliveryOutcome outcome;
        DeliveryState state;
        using (var message = spool.Open(SpoolArea.Queue, id))
        {
            if (message is null)
            {
                return; // deleted by an admin meanwhile
            }
            envelope = message.Envelope;
            state = (_hasState.ContainsKey(id) ? spool.ReadState(id) : null) ?? DeliveryState.Initial(envelope);
            outcome = state.Pending.Count == 0
                ? new DeliveryOutcome([])
                : await upstream.SendAsync(envelope.MailFrom, state.Pending, message.Content, cancellationToken);
        }

        var failed = state.Failed.Concat(outcome.Recipients.Where(r => r.Status == RecipientStatus.Failed).Select(r => new FailedRecipient(r.Recipient, r.Reply))).ToList();
        var deferred = outcome.Recipients.Where(r => r.Status == RecipientStatus.Deferred).ToList();
        var attempt = state.Attempts + 1;
        var delivered = outcome.Recipients.Count(r => r.Status == RecipientStatus.Delivered);
        QueueLog.Attempted(logger, id, delivered, failed.Count - state.Failed.Count, deferred.Count, attempt);
        if (outcome.Recipients.Count > 0)
        {
            metrics.Attempted(delivered, deferred.Count, failed.Count - state.Failed.Count);
        }

        var now = time.GetUtcNow();
        var age = now - envelope.ReceivedAt;
        if (deferred.Count > 0 && age < _options.MaxQueueLifetime)
        {
            var delay = Backoff(attempt);
            spool.WriteState(id, new DeliveryState(attempt, now + delay, deferred.Select(d => d.Recipient).ToList(), failed, deferred[0].Reply));
            _hasState[id] = 0;
            queue.Schedule(id, now + delay);
            QueueLog.Deferred(logger, id, delay);
            return;
        }
        if (deferred.Count > 0)
        {
            QueueLog.Expired(logger, id, age, deferred.Count);
            failed.AddRange(deferred.Select(d => new FailedRecipient(d.Recipient, $"gave up after {age.TotalDays:F1} days; last reply: {d.Reply}")));
        }
        if (failed.Count > 0)
        {
            await NotifySenderAsync(envelope, failed, now, cancellationToken);
        }
        spool.Delete(SpoolArea.Queue, id, hasState: _hasState.TryRemove(id, out _));
    }

    private async Task NotifySenderAsync(SpoolEnvelope envelope, IReadOnlyList<FailedRecipient> failed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!envelope.SenderMayBeNotified(policy.Current))
        {
            QueueLog.NotBounced(logger, envelope.Id, failed.Count);
            return;
        }
        var notice = NonDeliveryNotice.Build(envelope, failed, _options.Postmaster(gateway.Value), now);
        var id = await notices.EnqueueAsync(notice, envelope.MailFrom, now, cancellationToken);
        QueueLog.Bounced(logger, envelope.Id, id);
    }

    private TimeSpan Backoff(int attempt)
    {
        var factor = Math.Pow(2, Math.Min(attempt - 1, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(_options.RetryInitialDelay.Ticks * factor, _options.RetryMaxDelay.Ticks));
        // +/-10% jitter so messages deferred together do not all return at once.
        return delay * (0.9 + (Random.Shared.NextDouble() * 0.2));
    }
}
