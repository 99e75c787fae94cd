using System.Collections.Concurrent;

namespace EmailGuard.Gateway.Delivery;

/// <summary>
/// At most <see cref="UpstreamOptions.MaxConnections"/> connections, reused across messages: a new
/// connection costs a TCP and often a TLS handshake, far more than the message itself.
/// </summary>
internal sealed class SmtpConnectionPool(SmtpConnector connector, int maxConnections) : IAsyncDisposable
{
    private static readonly TimeSpan QuitTimeout = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _slots = new(maxConnections, maxConnections);
    // LIFO: the most recently used connection is the least likely to have been closed by the relay.
    private readonly ConcurrentStack<SmtpConnection> _idle = new();
    private volatile bool _disposed;

    public async Task<SmtpConnection> RentAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _slots.WaitAsync(cancellationToken);
        try
        {
            while (_idle.TryPop(out var idle))
            {
                if (idle.IsAlive)
                {
                    return idle;
                }
                idle.Dispose();
            }
            return await connector.ConnectAsync(cancellationToken);
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }

    /// <param name="reusable">False after anything that may have left the session mid-command.</param>
    public void Return(SmtpConnection connection, bool reusable)
    {
        if (reusable && !_disposed && connection.IsAlive)
        {
            _idle.Push(connection);
        }
        else
        {
            connection.Dispose();
        }
        if (!_disposed)
        {
            _slots.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        using var quit = new CancellationTokenSource(QuitTimeout);
        while (_idle.TryPop(out var connection))
        {
            await connection.QuitAsync(quit.Token);
            connection.Dispose();
        }
        _slots.Dispose();
    }
}
