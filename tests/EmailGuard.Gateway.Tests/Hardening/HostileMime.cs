using System.Text;

namespace EmailGuard.Gateway.Tests.Hardening;

/// <summary>
/// The hostile-MIME corpus, generated (some cases are tens of megabytes): each a complete DATA payload with CRLF
/// line ends and no lone "." lines. Names say what is nasty about them.
/// </summary>
internal static class HostileMime
{
    private const string Head = "From: staff@trust.test\r\nTo: parent@example.org\r\n";

    public static IEnumerable<(string Name, byte[] Data)> Corpus()
    {
        yield return ("nested-multipart-1000-deep", Nested(1000));
        yield return ("100000-headers", Ascii(Head + string.Concat(Enumerable.Range(0, 100_000).Select(i => $"X-H{i}: v\r\n")) + "Subject: many\r\n\r\nbody\r\n"));
        yield return ("1MB-header-line", Ascii(Head + "X-Long: " + new string('a', 1024 * 1024) + "\r\nSubject: long\r\n\r\nbody\r\n"));
        yield return ("nul-bytes", Ascii(Head + "Subject: nul\0here\r\nX-N: \0\0\r\n\r\nbody \0 with nul\r\n"));
        yield return ("invalid-charset-encoded-word", Ascii(Head + "Subject: =?x-no-such-charset?B?SGVsbG8=?= and =?utf-8?Q?=ZZ=?=\r\n\r\nbody\r\n"));
        yield return ("broken-base64-encoded-word", Ascii(Head + "Subject: =?utf-8?B?@@@###!!!?= =?utf-8?B?SGVsbG?=\r\n\r\nbody\r\n"));
        yield return ("8bit-raw-headers", Bytes(Head + "Subject: caf\u00e9 \u00fcber \u4e2d\u6587\r\n\r\nbody\r\n", Encoding.UTF8)
            .Concat(Encoding.Latin1.GetBytes("X-Latin: caf\u00e9\r\n")).ToArray());
        yield return ("rfc2231-continuations", Ascii(Head + "Subject: att\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n" +
            "Content-Type: text/plain\r\n\r\nhello\r\n--b\r\nContent-Type: application/octet-stream\r\n" +
            "Content-Disposition: attachment; filename*0*=utf-8''%E2%82%AC%20rates; filename*1*=%20for%20; filename*2=\"2026.pdf\"; filename*9=gap\r\n" +
            "Content-Transfer-Encoding: base64\r\n\r\nAAEC\r\n--b--\r\n"));
        yield return ("truncated-boundaries", Ascii(Head + "Subject: cut\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=never-closed\r\n\r\n" +
            "--never-closed\r\nContent-Type: multipart/alternative; boundary=inner\r\n\r\n--inner\r\nContent-Type: text/plain\r\n\r\ntext without end\r\n"));
        yield return ("30MB-single-line", Ascii(Head + "Subject: one line\r\n\r\n" + new string('x', 30 * 1024 * 1024) + "\r\n"));
        yield return ("broken-base64-body", Ascii(Head + "Subject: b64\r\nContent-Transfer-Encoding: base64\r\nContent-Type: text/plain\r\n\r\n!!!!not base64 at all====\r\nAAA\r\n"));
    }

    private static byte[] Nested(int depth)
    {
        var sb = new StringBuilder(Head + "Subject: deep\r\nMIME-Version: 1.0\r\n");
        for (var i = 0; i < depth; i++)
        {
            sb.Append("Content-Type: multipart/mixed; boundary=b").Append(i).Append("\r\n\r\n--b").Append(i).Append("\r\n");
        }
        sb.Append("Content-Type: text/plain\r\n\r\ninnermost\r\n");
        for (var i = depth - 1; i >= 0; i--)
        {
            sb.Append("--b").Append(i).Append("--\r\n");
        }
        return Ascii(sb.ToString());
    }

    private static byte[] Ascii(string s) => Encoding.Latin1.GetBytes(s);

    private static byte[] Bytes(string s, Encoding e) => e.GetBytes(s);
}
