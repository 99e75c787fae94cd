namespace EmailGuard.Gateway.Tests.Support;

/// <summary>What the sink has seen; every member is safe to read while sessions are running.</summary>
public sealed partial class SmtpSink
{
    private readonly Lock _gate = new();
    private readonly List<SinkMessage> _messages = [];
    private readonly List<string> _logins = [];
    private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = [];
    private int _sessions;
    private int _mailFromCommands;
    private int _refusedData;

    /// <summary>User names that authenticated successfully, in order.</summary>
    public IReadOnlyList<string> Logins
    {
        get
        {
            lock (_gate)
            {
                return [.. _logins];
            }
        }
    }

    /// <summary>A snapshot of the accepted messages, in arrival order.</summary>
    public IReadOnlyList<SinkMessage> Messages
    {
        get
        {
            lock (_gate)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>Connections accepted since the sink was created (across restarts).</summary>
    public int SessionCount => Volatile.Read(ref _sessions);

    /// <summary>MAIL FROM commands seen, accepted or not: counts delivery attempts.</summary>
    public int MailFromCount => Volatile.Read(ref _mailFromCommands);

    /// <summary>Messages whose DATA the <see cref="DataRule"/> refused.</summary>
    public int RefusedDataCount => Volatile.Read(ref _refusedData);

    /// <summary>Completes when at least <paramref name="count"/> messages have arrived; fails after <paramref name="timeout"/>.</summary>
    public Task WaitForMessagesAsync(int count, TimeSpan timeout)
    {
        TaskCompletionSource signal;
        lock (_gate)
        {
            if (_messages.Count >= count)
            {
                return Task.CompletedTask;
            }
            signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, signal));
        }
        return signal.Task.WaitAsync(timeout);
    }

    internal void Record(SinkMessage message)
    {
        lock (_gate)
        {
            _messages.Add(message);
            foreach (var waiter in _waiters.Where(w => _messages.Count >= w.Count).ToList())
            {
                waiter.Signal.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    internal void RecordLogin(string user)
    {
        lock (_gate)
        {
            _logins.Add(user);
        }
    }

    internal void CountMailFrom() => Interlocked.Increment(ref _mailFromCommands);

    internal void CountRefusedData() => Interlocked.Increment(ref _refusedData);

    private void CountSession() => Interlocked.Increment(ref _sessions);
}
