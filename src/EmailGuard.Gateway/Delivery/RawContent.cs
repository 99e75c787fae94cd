using System.Buffers;

namespace EmailGuard.Gateway.Delivery;

/// <summary>
/// The message bytes of one send, measured once and replayable for each try (SIZE= needs the length
/// before DATA, and a retry must start from the first byte again).
/// </summary>
/// <remarks>
/// SMTP cannot carry content that does not end in CRLF: the terminating <c>.</c> must start a line. When
/// the content lacks a final CRLF (no newline, or a bare LF that a strict relay would wait on forever)
/// exactly one CRLF is added on the wire, and nothing else ever is.
/// </remarks>
internal sealed class RawContent : IAsyncDisposable
{
    private static readonly byte[] CrLf = "\r\n"u8.ToArray();
    private readonly Stream _stream;
    private readonly long _start;
    private readonly bool _ownsStream;

    private RawContent(Stream stream, long start, bool ownsStream, long length, bool hasEightBit, bool endsWithCrLf)
    {
        _stream = stream;
        _start = start;
        _ownsStream = ownsStream;
        Length = length;
        HasEightBitBytes = hasEightBit;
        EndsWithCrLf = endsWithCrLf;
    }

    public long Length { get; }

    /// <summary>Any byte ≥ 0x80: the relay must be told BODY=8BITMIME (RFC 6152).</summary>
    public bool HasEightBitBytes { get; }

    public bool EndsWithCrLf { get; }

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
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            long length = 0;
            var hasEightBit = false;
            byte last = 0, beforeLast = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                var span = buffer.AsSpan(0, read);
                hasEightBit |= span.IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0;
                beforeLast = read > 1 ? span[^2] : last;
                last = span[^1];
                length += read;
            }
            stream.Position = start;
            var endsWithCrLf = length >= 2 && beforeLast == '\r' && last == '\n';
            return new RawContent(stream, start, ownsStream, length, hasEightBit, endsWithCrLf);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async Task CopyToAsync(Stream destination, CancellationToken cancellationToken)
    {
        _stream.Position = _start;
        await _stream.CopyToAsync(destination, cancellationToken);
        if (!EndsWithCrLf)
        {
            await destination.WriteAsync(CrLf, cancellationToken);
        }
    }

    public void CopyTo(Stream destination, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _stream.Position = _start;
        _stream.CopyTo(destination);
        if (!EndsWithCrLf)
        {
            destination.Write(CrLf);
        }
    }

    public ValueTask DisposeAsync() => _ownsStream ? _stream.DisposeAsync() : ValueTask.CompletedTask;
}
