using System.Net;
using System.Text;
using MimeKit.Utils;

namespace EmailGuard.Gateway.Receive;

/// <summary>
/// The RFC 5321 4.4 trace header we prepend. No "for" clause: it would show a Bcc recipient to the others.
/// The HELO name is the client's word, so anything outside a safe character set is dropped (header injection).
/// </summary>
internal static class ReceivedHeader
{
    public static byte[] Build(string? helo, IPAddress client, string serverName, string queueId, bool tls, bool authenticated, DateTimeOffset now)
    {
        var protocol = "ESMTP" + (tls ? "S" : "") + (authenticated ? "A" : "");
        var text = $"Received: from {Clean(helo)} ([{client}])\r\n\tby {serverName} (EmailGuard) with {protocol} id {queueId};\r\n\t{DateUtils.FormatDate(now)}\r\n";
        return Encoding.ASCII.GetBytes(text);
    }

    private static string Clean(string? helo)
    {
        if (string.IsNullOrEmpty(helo) || helo.Length > 255)
        {
            return "unknown";
        }
        foreach (var c in helo)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '[' or ']' or ':' or '_'))
            {
                return "unknown";
            }
        }
        return helo;
    }
}
