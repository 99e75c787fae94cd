namespace EmailGuard.Gateway.Receive;

/// <summary>
/// Enforces RFC 5321 4.5.3.1.4 on the plaintext side of a session (under TLS it wraps the TLS stream): a command
/// line may be 512 octets including CRLF (AUTH lines 12,288, RFC 4954 4). SmtpServer has no limit of its own and
/// buffers a line of any length, so a longer line is answered 500 and the connection closed before more piles up.
/// DATA content is left alone (it has its own byte limit), except that an empty message is made visible to
/// SmtpServer (see <see cref="EmptyMessageFix"/>): both repairs need the plaintext side of the session.
/// </summary>
internal sealed class CommandLineLimit(Stream inner, TimeoutStream phase, Action<byte[]> refuse) : DelegatingStream(inner)
{
    public const int MaxCommandLine = 512;
    public const int MaxAuthLine = 12_288;

    private static readonly byte[] TooLong = "500 5.5.2 Line too long: commands are limited to 512 octets (RFC 5321 4.5.3.1.4)\r\n"u8.ToArray();

    private int _lineLength;
    private bool _dataStarted;
    private byte[]? _carry;
    private bool _authLine;
    private readonly byte[] _start = new byte[4];

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_carry is { } carry)
        {
            _carry = null;
            carry.CopyTo(buffer.Span);
            return carry.Length;
        }
        var read = await Inner.ReadAsync(buffer, cancellationToken);
        if (read > 0 && !phase.InData)
        {
            _dataStarted = false;
            Scan(buffer.Span[..read]);
        }
        else if (read > 0 && !_dataStarted)
        {
            _dataStarted = true;
            read = EmptyMessageFix(buffer.Span, read);
        }
        return read;
    }

    /// <summary>
    /// SmtpServer searches for CRLF.CRLF only after the DATA line, so an empty message (".\r\n" straight after
    /// 354) is never seen as ended: no reply, and the next commands vanish into the "message". Putting the CRLF it
    /// looks for in front lets it end DATA with an empty message, which the store refuses with a clear 550.
    /// </summary>
    private int EmptyMessageFix(Span<byte> buffer, int read)
    {
        if (read < 3 || !buffer[..3].SequenceEqual(".\r\n"u8))
        {
            return read;
        }
        if (read + 2 > buffer.Length)
        {
            _carry = buffer.Slice(read - 2, 2).ToArray();
            read -= 2;
        }
        buffer[..read].CopyTo(buffer[2..]);
        "\r\n"u8.CopyTo(buffer);
        return read + 2;
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
}
