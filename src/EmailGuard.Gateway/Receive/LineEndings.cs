using System.Buffers;

namespace EmailGuard.Gateway.Receive;

/// <summary>
/// Finds a CR or LF that is not part of a CRLF pair. SmtpServer ends DATA only on CRLF.CRLF, but it passes bare
/// line ends through, and a laxer upstream could split such a message in two (SMTP smuggling, CVE-2023-51764).
/// </summary>
internal static class LineEndings
{
    public static bool HasBareCrOrLf(ReadOnlySequence<byte> data)
    {
        var previousWasCr = false;
        foreach (var memory in data)
        {
            var span = memory.Span;
            var i = 0;
            if (previousWasCr)
            {
                if (span.Length == 0)
                {
                    continue;
                }
                if (span[0] != (byte)'\n')
                {
                    return true;
                }
                i = 1;
                previousWasCr = false;
            }
            while (i < span.Length)
            {
                var next = span[i..].IndexOfAny((byte)'\r', (byte)'\n');
                if (next < 0)
                {
                    break;
                }
                i += next;
                if (span[i] == (byte)'\n')
                {
                    return true;
                }
                if (i + 1 == span.Length)
                {
                    previousWasCr = true;
                    break;
                }
                if (span[i + 1] != (byte)'\n')
                {
                    return true;
                }
                i += 2;
            }
        }
        return previousWasCr;
    }

    /// <summary>
    /// Every bare CR, bare LF and CR-run becomes one CRLF line end, so no upstream can read a line end where we
    /// did not (the rare message from a broken client, with <c>Smtp:BareLineEndings = Normalise</c>).
    /// </summary>
    public static ReadOnlySequence<byte> Normalise(ReadOnlySequence<byte> data)
    {
        var input = data.ToArray();
        var output = new List<byte>(input.Length + 64);
        for (var i = 0; i < input.Length; i++)
        {
            var b = input[i];
            if (b == (byte)'\r')
            {
                output.Add((byte)'\r');
                output.Add((byte)'\n');
                if (i + 1 < input.Length && input[i + 1] == (byte)'\n')
                {
                    i++;
                }
            }
            else if (b == (byte)'\n')
            {
                output.Add((byte)'\r');
                output.Add((byte)'\n');
            }
            else
            {
                output.Add(b);
            }
        }
        return new ReadOnlySequence<byte>(output.ToArray());
    }
}
