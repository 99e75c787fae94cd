using MimeKit;

namespace EmailGuard.Gateway.Delivery;

/// <summary>
/// A "header" that is really the message's first line, written byte for byte.
/// </summary>
/// <remarks>
/// MimeKit keeps header lines it cannot parse as invalid headers and writes only their raw bytes (no
/// colon, no re-folding, no re-encoding), followed by the CRLF that ends the header block. That is the one
/// public way to put arbitrary bytes, and the CRLF MimeKit insists on, in front of the body. MimeKit's
/// newline filter still applies to these bytes: a bare LF in the first line would become CRLF (the
/// gateway refuses bare LF on receipt, LIBRARY-FACTS).
/// </remarks>
internal sealed class RawLineHeader : Header
{
    public RawLineHeader(byte[] line)
        : base(ParserOptions.Default, line, fieldNameLength: 0, Array.Empty<byte>(), invalid: true)
    {
    }
}
