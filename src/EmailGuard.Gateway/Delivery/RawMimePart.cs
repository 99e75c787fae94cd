using MimeKit;

namespace EmailGuard.Gateway.Delivery;

/// <summary>The body that carries everything after the message's first line, written byte for byte.</summary>
/// <remarks>
/// Its Content-Type and Content-Transfer-Encoding are hidden (see <see cref="RawMessage.FormatOptionsFor"/>);
/// the encoding only tells <c>SmtpClient</c> which BODY= to ask for: MailKit adds BODY=8BITMIME when a
/// part says 8bit and the relay advertises 8BITMIME.
/// </remarks>
internal sealed class RawMimePart : MimePart
{
    private readonly RawContent _raw;

    public RawMimePart(RawContent raw)
    {
        _raw = raw;
        ContentTransferEncoding = raw.HasEightBitBytes ? ContentEncoding.EightBit : ContentEncoding.SevenBit;
    }

    public long WireLength => _raw.WireLength;

    // The bytes were accepted as they are; re-encoding them would break signatures (DKIM) and evidence.
    public override void Prepare(EncodingConstraint constraint, int maxLineLength = 78)
    {
    }

    public override void WriteTo(FormatOptions options, Stream stream, bool contentOnly, CancellationToken cancellationToken = default)
        => _raw.CopyRestTo(stream, cancellationToken);

    public override Task WriteToAsync(FormatOptions options, Stream stream, bool contentOnly, CancellationToken cancellationToken = default)
        => _raw.CopyRestToAsync(stream, cancellationToken);
}
