using System.Net;

namespace EmailGuard.Gateway.Options;

/// <summary>
/// The admin HTTP endpoint: Prometheus metrics on <c>/metrics</c>, health on <c>/health/live</c> and
/// <c>/health/ready</c>. Section <c>EmailGuard:Admin</c>. It has no authentication, so it listens on loopback
/// unless told otherwise; what it shows is counts and rule ids, never addresses or subjects.
/// </summary>
public sealed class AdminOptions
{
    public const string Section = "EmailGuard:Admin";

    /// <summary>Serve the admin endpoint at all. Default true: health checks and metrics cost nothing when unused.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Address and port, <c>IP:port</c>. Default <c>127.0.0.1:9025</c> (loopback: no authentication on it; a
    /// container sets <c>0.0.0.0:9025</c> and publishes the port only to the monitoring network). Port 0 picks a free one.
    /// </summary>
    public string Endpoint { get; set; } = "127.0.0.1:9025";

    internal IPEndPoint ParsedEndpoint => IPEndPoint.Parse(Endpoint);

    public IEnumerable<string> Validate()
    {
        if (Enabled && (!IPEndPoint.TryParse(Endpoint ?? "", out var ep) || ep.Port is < 0 or > 65535 || !(Endpoint ?? "").Contains(':', StringComparison.Ordinal)))
        {
            yield return $"{Section}:Endpoint '{Endpoint}' must be IP:port, e.g. 127.0.0.1:9025.";
        }
    }
}
