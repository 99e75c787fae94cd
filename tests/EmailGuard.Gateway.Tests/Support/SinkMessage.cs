namespace EmailGuard.Gateway.Tests.Support;

/// <summary>One message as the sink received it.</summary>
/// <param name="MailFrom">MAIL FROM address; empty for the null sender <c>&lt;&gt;</c>.</param>
/// <param name="Recipients">Accepted RCPT TO addresses, in the order given.</param>
/// <param name="Data">
/// The DATA content un-dot-stuffed, ending in the CRLF before the terminating dot: exactly the bytes the
/// client meant to send (SmtpServer's two framing quirks are repaired, see <see cref="SmtpSink"/>).
/// </param>
/// <param name="Parameters">MAIL FROM parameters, e.g. <c>BODY</c> = <c>8BITMIME</c>, <c>SIZE</c>.</param>
/// <param name="SessionId">Which connection carried it (SmtpServer's session id).</param>
public sealed record SinkMessage(
    string MailFrom,
    IReadOnlyList<string> Recipients,
    byte[] Data,
    IReadOnlyDictionary<string, string> Parameters,
    Guid SessionId);
