using MimeKit;

namespace EmailGuard.Gateway.Delivery;

/// <summary>
/// A <see cref="MimeMessage"/> that MailKit's <c>SmtpClient</c> can send but that writes the original bytes.
/// </summary>
/// <remarks>
/// MailKit has no raw-send API and <c>MimeMessage.WriteTo</c> is not virtual, but it writes only
/// (a) the message and body headers not in <see cref="FormatOptions.HiddenHeaders"/>, (b) a blank line if the
/// message is Strict-compliance, (c) <c>Body.WriteTo</c>, which is virtual. So the message has no headers of
/// its own, is Loose (only parsed messages are; every public constructor makes Strict ones), and its body
/// is a <see cref="RawMimePart"/> whose two bookkeeping headers are hidden by <see cref="FormatOptions"/>.
/// <c>SmtpClient.Prepare</c> (the re-encoding step) is overridden to do nothing in <see cref="DeliverySmtpClient"/>.
/// </remarks>
internal static class RawMessage
{
    private static readonly byte[] EmptyMessage = "\r\n"u8.ToArray();

    /// <summary>Hides the headers MimeKit insists a part has; the real ones are inside the raw bytes.</summary>
    public static FormatOptions FormatOptions { get; } = CreateFormatOptions();

    public static MimeMessage Create(RawContent content)
    {
        using var seed = new MemoryStream(EmptyMessage, writable: false);
        var message = MimeMessage.Load(seed);
        message.Headers.Clear();
        message.Body = new RawMimePart(content);
        return message;
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
