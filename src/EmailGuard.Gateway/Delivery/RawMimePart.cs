using MimeKit;

namespace EmailGuard.Gateway.Delivery;

/// <summary>A body part whose content is the whole original message, written byte for byte.</summary>
/// <remarks>
/// Its Content-Transfer-Encoding is never written; it only tells <c>SmtpClient</c> which BODY= to ask for:
/// MailKit adds BODY=8BITMIME when a part says 8bit and the relay advertises 8BITMIME.
/// </remarks>
internal sealed class RawMimePart : MimePart
{
    private readonly RawContent _content;

    public RawMimePart(RawContent content)
    {
        _content = content;
        ContentTransferEncoding = content.HasEightBitBytes ? ContentEncoding.EightBit : ContentEncoding.SevenBit;
    }

    public long WireLength => _content.WireLength;

    // The bytes were accepted as they are; re-encoding them would break signatures (DKIM) and evidence.
    public override void Prepare(EncodingConstraint constraint, int maxLineLength = 78)
    {
    }

    public override void WriteTo(FormatOptions options, Stream stream, bool contentOnly, CancellationToken cancellationToken = default)
        => _content.CopyTo(stream, cancellationToken);

    public override Task WriteToAsync(FormatOptions options, Stream stream, bool contentOnly, CancellationToken cancellationToken = default)
        => _content.CopyToAsync(stream, cancellationToken);
}
