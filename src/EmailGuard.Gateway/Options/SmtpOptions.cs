using System.Net;

namespace EmailGuard.Gateway.Options;

/// <summary>How EmailGuard receives mail: section <c>EmailGuard:Smtp</c>.</summary>
public sealed class SmtpOptions
{
    public const string Section = "EmailGuard:Smtp";

    /// <summary>Listen addresses as <c>ip:port</c>. Default <c>127.0.0.1:2525</c>: nothing is exposed until an admin says so.</summary>
    public List<string> Endpoints { get; set; } = [];

    /// <summary>CIDR networks allowed to send (the Trust's own servers). Default loopback only; anyone else gets 554 5.7.1.</summary>
    public List<string> AllowedNetworks { get; set; } = [];

    /// <summary>Advertised as SIZE; refused at MAIL FROM (declared) and end of DATA (real). Default 35 MB, Exchange Online's cap.</summary>
    public long MaxMessageSize { get; set; } = 35 * 1024 * 1024;

    /// <summary>Recipients per message before 452 4.5.3. Default 500: Exchange Online's limit; clients split larger sends.</summary>
    public int MaxRecipients { get; set; } = 500;

    /// <summary>Concurrent sessions in total before 421 4.7.0. Default 100: bounds memory (each DATA is buffered whole).</summary>
    public int MaxSessions { get; set; } = 100;

    /// <summary>Concurrent sessions from one client address. Default 50: a relay opens several, a runaway script opens hundreds.</summary>
    public int MaxSessionsPerClient { get; set; } = 50;

    /// <summary>Wait for a command (and any single read). Default 5 minutes, RFC 5321 4.5.3.2.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The whole DATA phase, so a client trickling bytes cannot hold a session. Default 10 minutes, RFC 5321 4.5.3.2 (DATA termination).</summary>
    public TimeSpan DataTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A session's total lifetime. Default 1 hour: long enough for a busy relay to reuse one connection.</summary>
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// A bare CR or LF in DATA: <c>Reject</c> (default) answers 550 5.6.0, as Postfix does with
    /// <c>smtpd_forbid_bare_newline = reject</c>, since such a message could be split by a laxer upstream (SMTP
    /// smuggling); <c>Normalise</c> turns each into CRLF instead, for Trusts with a broken internal sender.
    /// </summary>
    public BareLineEndingHandling BareLineEndings { get; set; } = BareLineEndingHandling.Reject;

    public TlsOptions Tls { get; set; } = new();

    public AuthOptions Auth { get; set; } = new();

    internal IReadOnlyList<IPEndPoint> ParsedEndpoints => Endpoints.Select(IPEndPoint.Parse).ToList();

    internal IReadOnlyList<IPNetwork> ParsedNetworks => AllowedNetworks.Select(IPNetwork.Parse).ToList();

    public IEnumerable<string> Validate()
    {
        const string P = "EmailGuard:Smtp:";
        if (Endpoints.Count == 0)
        {
            yield return P + "Endpoints must list at least one ip:port.";
        }
        foreach (var e in Endpoints)
        {
            if (!IPEndPoint.TryParse(e, out var ep) || ep.Port is < 0 or > 65535)
            {
                yield return $"{P}Endpoints: '{e}' is not an ip:port.";
            }
        }
        foreach (var n in AllowedNetworks)
        {
            if (!IPNetwork.TryParse(n, out _))
            {
                yield return $"{P}AllowedNetworks: '{n}' is not a CIDR network (e.g. 10.0.0.0/8).";
            }
        }
        if (MaxMessageSize is < 1024 or > int.MaxValue)
        {
            yield return P + "MaxMessageSize must be between 1024 and 2147483647 bytes.";
        }
        if (MaxRecipients < 1)
        {
            yield return P + "MaxRecipients must be at least 1.";
        }
        if (MaxSessions < 1)
        {
            yield return P + "MaxSessions must be at least 1.";
        }
        if (MaxSessionsPerClient < 1)
        {
            yield return P + "MaxSessionsPerClient must be at least 1.";
        }
        if (CommandTimeout <= TimeSpan.Zero)
        {
            yield return P + "CommandTimeout must be positive.";
        }
        if (DataTimeout <= TimeSpan.Zero)
        {
            yield return P + "DataTimeout must be positive.";
        }
        if (SessionTimeout <= TimeSpan.Zero)
        {
            yield return P + "SessionTimeout must be positive.";
        }
        foreach (var e in Tls.Validate())
        {
            yield return e;
        }
        foreach (var e in Auth.Validate(Tls.Enabled))
        {
            yield return e;
        }
    }
}

public enum BareLineEndingHandling
{
    Reject,
    Normalise,
}
