namespace EmailGuard.Gateway.Receive;

/// <summary>
/// The client socket's stream with two clocks SmtpServer lacks: every read must make progress within the idle
/// timeout, and while a DATA deadline is set every read must finish before it, so a client trickling one byte a
/// second cannot hold a session past the data timeout. A timeout closes the connection (the session then ends).
/// </summary>
internal sealed class TimeoutStream(Stream inner, TimeSpan idleTimeout, TimeProvider time) : Stream
{
    private long _deadlineTicks = long.MaxValue;
    private long _dataBytes;
    private long _dataLimit = long.MaxValue;

    /// <summary>Called once when a DATA phase passes its byte limit, before the read fails.</summary>
    public Action? DataLimitExceeded { get; set; }

    /// <summary>
    /// Starts the DATA clock and byte count. SmtpServer buffers the whole message before we see it and its own
    /// strict size limit ends DATA with no reply at all, so the limit is enforced here, while reading.
    /// </summary>
    public void BeginData(TimeSpan timeout, long byteLimit)
    {
        Volatile.Write(ref _dataBytes, 0);
        Volatile.Write(ref _dataLimit, byteLimit);
        Volatile.Write(ref _deadlineTicks, time.GetUtcNow().UtcTicks + timeout.Ticks);
    }

    /// <summary>True between the DATA command and the end of its reply: bytes are message content, not commands.</summary>
    public bool InData => Volatile.Read(ref _dataLimit) != long.MaxValue;

    public void EndData()
    {
        Volatile.Write(ref _deadlineTicks, long.MaxValue);
        Volatile.Write(ref _dataLimit, long.MaxValue);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var limit = idleTimeout;
        var deadline = Volatile.Read(ref _deadlineTicks);
        if (deadline != long.MaxValue)
        {
            var left = TimeSpan.FromTicks(deadline - time.GetUtcNow().UtcTicks);
            limit = left < limit ? left : limit;
        }
        if (limit <= TimeSpan.Zero)
        {
            throw HangUp("SMTP data timeout");
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        int read;
        try
        {
            read = await inner.ReadAsync(buffer, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw HangUp("SMTP client timeout");
        }
        if (Interlocked.Add(ref _dataBytes, read) > Volatile.Read(ref _dataLimit))
        {
            DataLimitExceeded?.Invoke();
            throw new IOException("SMTP DATA exceeded the message size limit");
        }
        return read;
    }

    /// <summary>
    /// A timed-out session is closed, not just failed: SmtpServer answers a failed DATA read with 554 and goes on
    /// reading commands, which would let the client continue.
    /// </summary>
    private TimeoutException HangUp(string why)
    {
        inner.Dispose();
        return new TimeoutException(why);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override void Flush() => inner.Flush();

    public override bool CanRead => true;
    public override bool CanWrite => true;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
