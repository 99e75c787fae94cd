namespace EmailGuard.Gateway.Receive;

/// <summary>
/// Enforces RFC 5321 4.5.3.1.4 on the plaintext side of a session (under TLS it wraps the TLS stream): a command
/// line may be 512 octets including CRLF (AUTH lines 12,288, RFC 4954 4). SmtpServer has no limit of its own and
/// buffers a line of any length, so a longer line is answered 500 and the connection closed before more piles up.
/// DATA content is left alone: it has its own byte limit.
/// </summary>
internal sealed class CommandLineLimit(Stream inner, TimeoutStream phase, Action<byte[]> refuse) : Stream
{
    public const int MaxCommandLine = 512;
    public const int MaxAuthLine = 12_288;

    private static readonly byte[] TooLong = "500 5.5.2 Line too long: commands are limited to 512 octets (RFC 5321 4.5.3.1.4)\r\n"u8.ToArray();

    private int _lineLength;
    private bool _authLine;
    private readonly byte[] _start = new byte[4];

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        if (read > 0 && !phase.InData)
        {
            Scan(buffer.Span[..read]);
        }
        return read;
    }

    private void Scan(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var newline = bytes.IndexOf((byte)'\n');
            var chunk = newline < 0 ? bytes : bytes[..(newline + 1)];
            for (var i = 0; i < chunk.Length && _lineLength + i < _start.Length; i++)
            {
                _start[_lineLength + i] = chunk[i];
            }
            _lineLength += chunk.Length;
            if (_lineLength >= 4)
            {
                _authLine = _start.AsSpan().SequenceEqual("AUTH"u8) || _start.AsSpan().SequenceEqual("auth"u8);
            }
            if (_lineLength > (_authLine ? MaxAuthLine : MaxCommandLine))
            {
                refuse(TooLong);
                throw new IOException("SMTP command line too long");
            }
            if (newline < 0)
            {
                return;
            }
            _lineLength = 0;
            bytes = bytes[(newline + 1)..];
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    public override bool CanRead => true;
    public override bool CanWrite => true;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
