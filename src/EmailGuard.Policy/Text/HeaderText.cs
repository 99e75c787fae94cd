using MimeKit;
using MimeKit.Utils;

namespace EmailGuard.Policy.Text;

/// <summary>Header values as a mail client shows them.</summary>
internal static class HeaderText
{
    /// <summary>
    /// The decoded text of an unstructured header. Header.Value is already RFC 2047-decoded and unfolded; decode
    /// again in case encoded words survived (e.g. nested or malformed ones some clients display anyway).
    /// </summary>
    public static string Decode(Header header)
    {
        var value = header.Value ?? string.Empty;
        return value.Contains("=?", StringComparison.Ordinal)
            ? Rfc2047.DecodeText(System.Text.Encoding.UTF8.GetBytes(value))
            : value;
    }

    /// <summary>
    /// .NET ships only Unicode and Latin-1 encodings; without this, text in KOI8-R, windows-1251, ISO-8859-7 …
    /// decodes to replacement characters and a look-alike slips through. Idempotent.
    /// </summary>
    public static void RegisterCodePages() =>
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
}
