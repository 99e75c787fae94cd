using System.Buffers;

namespace EmailGuard.Gateway.Delivery;

/// <summary>
/// The message bytes of one send, measured once and replayable for each try (SIZE= needs the length
/// before DATA, and a retry must start from the first byte again).
/// </summary>
/// <remarks>
/// SMTP cannot carry content that does not end in CRLF: the terminating <c>.</c> must start a line. When
/// the content lacks a final CRLF (no newline, or a bare LF that a strict relay would wait on forever)
/// exactly one CRLF is added on the wire. The content is split at its first CRLF because MimeKit writes
/// the first line and that CRLF itself (see <see cref="RawMessage"/>); the rest is copied here.
/// </remarks>
internal sealed class RawContent : IAsyncDisposable
{
    private static readonly byte[] CrLf = "\r\n"u8.ToArray();
    private readonly Stream _stream;
    private readonly long _start;
    private readonly bool _ownsStream;

    private RawContent(Stream stream, long start, bool ownsStream, ContentScanner scanned)
    {
        _stream = stream;
        _start = start;
        _ownsStream = ownsStream;
        Length = scanned.Length;
        HasEightBitBytes = scanned.HasEightBitBytes;
        HeaderHasEightBitBytes = scanned.HeaderHasEightBitBytes;
        EndsWithCrLf = scanned.EndsWithCrLf;
        FirstCrLf = scanned.FirstCrLf;
    }

    public long Length { get; }

    /// <summary>Any byte ≥ 0x80: the relay must be told BODY=8BITMIME (RFC 6152).</summary>
    public bool HasEightBitBytes { get; }

    /// <summary>Raw UTF-8 in the header block: the relay should be told SMTPUTF8 (RFC 6531) when it offers it.</summary>
    public bool HeaderHasEightBitBytes { get; }

    public bool EndsWithCrLf { get; }

    /// <summary>Offset of the first CRLF, or -1 when there is none (then the whole content is the first line).</summary>
    public long FirstCrLf { get; }

    /// <summary>What DATA carries before dot-stuffing; used for SIZE=.</summary>
    public long WireLength => Length + (EndsWithCrLf ? 0 : CrLf.Length);

    /// <summary>Reads <paramref name="content"/> from its current position; a non-seekable stream is buffered in memory.</summary>
    public static async Task<RawContent> CaptureAsync(Stream content, CancellationToken cancellationToken)
    {
        var stream = content;
        var ownsStream = false;
        if (!content.CanSeek)
        {
            var buffered = new MemoryStream();
            await content.CopyToAsync(buffered, cancellationToken);
            buffered.Position = 0;
            (stream, ownsStream) = (buffered, true);
        }

        var start = stream.Position;
        var scanner = new ContentScanner();
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                scanner.Add(buffer.AsSpan(0, read));
            }
            stream.Position = start;
            return new RawContent(stream, start, ownsStream, scanner);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The bytes before the first CRLF (or all of them when there is none).</summary>
    public async Task<byte[]> ReadFirstLineAsync(CancellationToken cancellationToken)
    {
        var line = new byte[FirstCrLf < 0 ? Length : FirstCrLf];
        _stream.Position = _start;
        await _stream.ReadExactlyAsync(line, cancellationToken);
        return line;
    }

    /// <summary>Everything after the first CRLF, plus the CRLF the content may lack.</summary>
    public async Task CopyRestToAsync(Stream destination, CancellationToken cancellationToken)
    {
        if (FirstCrLf < 0)
        {
            return; // the CRLF MimeKit writes after the first line is the added one
        }
        _stream.Position = _start + FirstCrLf + CrLf.Length;
        await _stream.CopyToAsync(destination, cancellationToken);
        if (!EndsWithCrLf)
        {
            await destination.WriteAsync(CrLf, cancellationToken);
        }
    }

    public void CopyRestTo(Stream destination, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (FirstCrLf < 0)
        {
            return;
        }
        _stream.Position = _start + FirstCrLf + CrLf.Length;
        _stream.CopyTo(destination);
        if (!EndsWithCrLf)
        {
            destination.Write(CrLf);
        }
    }

    public ValueTask DisposeAsync() => _ownsStream ? _stream.DisposeAsync() : ValueTask.CompletedTask;
}
