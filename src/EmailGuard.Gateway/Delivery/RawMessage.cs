using MailKit.Net.Smtp;
using MimeKit;

namespace EmailGuard.Gateway.Delivery;

/// <summary>
/// A <see cref="MimeMessage"/> that MailKit's <c>SmtpClient</c> can send but that writes the original bytes.
/// </summary>
/// <remarks>
/// MailKit has no raw-send API and <c>MimeMessage.WriteTo</c> is not virtual. For a message with a body it
/// writes (a) each header not in <see cref="FormatOptions.HiddenHeaders"/>, (b) a CRLF (always, through
/// public APIs: every constructor is Strict and every header edit sets the separator flag), (c)
/// <c>Body.WriteTo</c>, which is virtual. So the content is split at its first CRLF: the first line goes
/// in as a <see cref="RawLineHeader"/> (written verbatim), (b) is that CRLF, and a <see cref="RawMimePart"/>
/// writes the rest. The part's own headers and the MIME-Version MimeKit adds are hidden.
/// <c>SmtpClient.Prepare</c> (the re-encoding step) is overridden in <see cref="DeliverySmtpClient"/>.
/// </remarks>
internal static class RawMessage
{
    private const SmtpCapabilities Utf8Capable = SmtpCapabilities.UTF8 | SmtpCapabilities.EightBitMime;
    private static readonly FormatOptions Ascii = CreateFormatOptions(international: false);
    private static readonly FormatOptions International = CreateFormatOptions(international: true);

    /// <summary>
    /// Hides the bookkeeping headers (the real ones are inside the raw bytes) and asks for SMTPUTF8 when
    /// the header block has raw UTF-8 and the relay offers it. MailKit throws if asked for SMTPUTF8 by a
    /// relay without 8BITMIME, so both are required; otherwise the bytes go as they are, unannounced.
    /// </summary>
    public static FormatOptions FormatOptionsFor(RawContent content, SmtpCapabilities relay)
        => content.HeaderHasEightBitBytes && (relay & Utf8Capable) == Utf8Capable ? International : Ascii;

    public static async Task<MimeMessage> CreateAsync(RawContent content, CancellationToken cancellationToken)
    {
        var firstLine = await content.ReadFirstLineAsync(cancellationToken);
        return new MimeMessage([new RawLineHeader(firstLine)]) { Body = new RawMimePart(content) };
    }

    private static FormatOptions CreateFormatOptions(bool international)
    {
        var options = FormatOptions.Default.Clone();
        options.International = international;
        options.HiddenHeaders.Add(HeaderId.ContentType);
        options.HiddenHeaders.Add(HeaderId.ContentTransferEncoding);
        options.HiddenHeaders.Add(HeaderId.MimeVersion);
        return options;
    }
}
