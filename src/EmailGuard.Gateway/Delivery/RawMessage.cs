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
    /// <summary>Hides the bookkeeping headers; the message's real headers are inside the raw bytes.</summary>
    public static FormatOptions FormatOptions { get; } = CreateFormatOptions();

    public static async Task<MimeMessage> CreateAsync(RawContent content, CancellationToken cancellationToken)
    {
        var firstLine = await content.ReadFirstLineAsync(cancellationToken);
        return new MimeMessage([new RawLineHeader(firstLine)]) { Body = new RawMimePart(content) };
    }

    private static FormatOptions CreateFormatOptions()
    {
        var options = FormatOptions.Default.Clone();
        options.HiddenHeaders.Add(HeaderId.ContentType);
        options.HiddenHeaders.Add(HeaderId.ContentTransferEncoding);
        options.HiddenHeaders.Add(HeaderId.MimeVersion);
        return options;
    }
}
