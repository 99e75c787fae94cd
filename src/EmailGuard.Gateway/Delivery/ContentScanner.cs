namespace EmailGuard.Gateway.Delivery;

/// <summary>
/// What sending needs to know about message bytes, gathered in one pass over buffers of any size:
/// where the first line ends, whether the header block or anything at all is 8-bit, and how it ends.
/// </summary>
internal sealed class ContentScanner
{
    private const uint BlankLine = 0x0D0A0D0A; // CRLF CRLF
    // As if the content were preceded by CRLF, so content starting with CRLF has an empty header block.
    private uint _window = 0x0D0A;
    private long _headerEnd = -1;
    private long _firstEightBit = -1;
    private byte _last;
    private byte _beforeLast;

    public long Length { get; private set; }

    /// <summary>Offset of the first CRLF, or -1 when there is none.</summary>
    public long FirstCrLf { get; private set; } = -1;

    public bool HasEightBitBytes => _firstEightBit >= 0;

    /// <summary>8-bit bytes before the first blank line (or anywhere, when there is none): UTF-8 headers, RFC 6532.</summary>
    public bool HeaderHasEightBitBytes => _firstEightBit >= 0 && (_headerEnd < 0 || _firstEightBit < _headerEnd);

    public bool EndsWithCrLf => Length >= 2 && _beforeLast == '\r' && _last == '\n';

    public void Add(ReadOnlySpan<byte> span)
    {
        if (span.IsEmpty)
        {
            return;
        }
        if (_firstEightBit < 0 && span.IndexOfAnyInRange((byte)0x80, (byte)0xFF) is var eightBit and >= 0)
        {
            _firstEightBit = Length + eightBit;
        }
        if (FirstCrLf < 0)
        {
            FirstCrLf = FindCrLf(span);
        }
        if (_headerEnd < 0)
        {
            FindBlankLine(span);
        }
        _beforeLast = span.Length > 1 ? span[^2] : _last;
        _last = span[^1];
        Length += span.Length;
    }

    private long FindCrLf(ReadOnlySpan<byte> span)
    {
        if (Length > 0 && _last == '\r' && span[0] == '\n')
        {
            return Length - 1; // split across two buffers
        }
        var at = span.IndexOf("\r\n"u8);
        return at < 0 ? -1 : Length + at;
    }

    // Byte by byte, but only through the header block, which is small next to the body.
    private void FindBlankLine(ReadOnlySpan<byte> span)
    {
        for (var i = 0; i < span.Length; i++)
        {
            _window = (_window << 8) | span[i];
            if (_window == BlankLine)
            {
                _headerEnd = Length + i - 1; // where the blank line starts
                return;
            }
        }
    }
}
