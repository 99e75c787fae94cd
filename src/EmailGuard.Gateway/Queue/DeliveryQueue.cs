using System.Collections.Concurrent;
using System.Threading.Channels;

namespace EmailGuard.Gateway.Queue;

/// <summary>
/// Which spooled messages are due: ids ready now, and timers for those waiting to retry. Memory only; the spool
/// is the truth and is rescanned at start.
/// </summary>
public sealed class DeliveryQueue(TimeProvider time)
{
    private readonly Channel<string> _ready = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = false });
    private readonly ConcurrentDictionary<string, ITimer> _waiting = new();

    public void Enqueue(string id)
    {
        if (_waiting.TryRemove(id, out var timer))
        {
            timer.Dispose();
        }
        _ready.Writer.TryWrite(id);
    }

    public void Schedule(string id, DateTimeOffset at)
    {
        var delay = at - time.GetUtcNow();
        if (delay <= TimeSpan.Zero)
        {
            Enqueue(id);
            return;
        }
        var timer = time.CreateTimer(_ => Enqueue(id), null, delay, Timeout.InfiniteTimeSpan);
        if (_waiting.TryGetValue(id, out var old))
        {
            old.Dispose();
        }
        _waiting[id] = timer;
    }

    public int Waiting => _waiting.Count;

    public ValueTask<string> DequeueAsync(CancellationToken cancellationToken) => _ready.Reader.ReadAsync(cancellationToken);
}
