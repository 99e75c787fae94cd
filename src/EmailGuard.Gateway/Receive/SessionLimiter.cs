using System.Collections.Concurrent;
using System.Net;

namespace EmailGuard.Gateway.Receive;

/// <summary>Counts live sessions in total and per client address; a slot is taken at accept and released at close.</summary>
internal sealed class SessionLimiter(int maxTotal, int maxPerClient)
{
    private readonly ConcurrentDictionary<IPAddress, int> _perClient = new();
    private int _total;

    public int Active => Volatile.Read(ref _total);

    public bool TryEnter(IPAddress client)
    {
        if (Interlocked.Increment(ref _total) > maxTotal)
        {
            Interlocked.Decrement(ref _total);
            return false;
        }
        var mine = _perClient.AddOrUpdate(client, 1, (_, n) => n + 1);
        if (mine > maxPerClient)
        {
            Exit(client);
            return false;
        }
        return true;
    }

    public void Exit(IPAddress client)
    {
        Interlocked.Decrement(ref _total);
        if (_perClient.AddOrUpdate(client, 0, (_, n) => n - 1) <= 0)
        {
            _perClient.TryRemove(new KeyValuePair<IPAddress, int>(client, 0));
        }
    }
}
