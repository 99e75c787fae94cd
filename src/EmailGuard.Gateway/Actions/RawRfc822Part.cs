using MimeKit;

namespace EmailGuard.Gateway.Actions;

/// <summary>
/// A <c>message/rfc822</c> attachment written byte for byte. MimeKit's MessagePart would parse and re-serialise the
/// message (folding, re-encoding, header order); an E-safety copy is evidence and must be exactly what was sent, so
/// this part writes its own headers and then the original bytes untouched. The transfer encoding only declares what
/// the bytes already are (7bit or 8bit; RFC 2046 5.2.1 allows no other for message/rfc822).
/// </summary>
internal sealed class RawRfc822Part : MimePart
{
    private readonly ReadOnlyMemory<byte> _raw;

    public RawRfc822Part(ReadOnlyMemory<byte> raw, string fileName) : base("message", "rfc822")
    {
        _raw = raw;
        ContentTransferEncoding = raw.Span.ContainsAnyInRange((byte)0x80, (byte)0xff) ? ContentEncoding.EightBit : ContentEncoding.SevenBit;
        ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) { FileName = fileName };
    }

    public override void Prepare(EncodingConstraint constraint, int maxLineLength = 78)
    {
    }

    public override void WriteTo(FormatOptions options, Stream stream, bool contentOnly, CancellationToken cancellationToken = default)
    {
        if (!contentOnly)
        {
            Headers.WriteTo(options, stream, cancellationToken); // ends with the blank line
        }
        stream.Write(_raw.Span);
        stream.Write(NewLine(options));
    }

    public override async Task WriteToAsync(FormatOptions options, Stream stream, bool contentOnly, CancellationToken cancellationToken = default)
    {
        if (!contentOnly)
        {
            await Headers.WriteToAsync(options, stream, cancellationToken);
        }
        await stream.WriteAsync(_raw, cancellationToken);
        await stream.WriteAsync(NewLine(options), cancellationToken);
    }

    // Multipart writes the next boundary straight after a part, and the CRLF before a boundary belongs to the
    // boundary (RFC 2046 5.1.1): without this one the attached message would lose its final CRLF.
    private static byte[] NewLine(FormatOptions options) => options.NewLineFormat == NewLineFormat.Dos ? "\r\n"u8.ToArray() : "\n"u8.ToArray();
}
