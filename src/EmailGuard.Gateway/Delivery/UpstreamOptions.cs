namespace EmailGuard.Gateway.Delivery;

/// <summary>Where accepted mail goes next. Bound from <c>EmailGuard:Upstream</c>.</summary>
public sealed partial class UpstreamOptions
{
    public const string SectionName = "EmailGuard:Upstream";

    /// <summary>Pickup by default so a newcomer sees results without an SMTP server to point at.</summary>
    public UpstreamMode Mode { get; set; } = UpstreamMode.Pickup;

    /// <summary>Relative paths resolve under the data directory, which keeps all state in one place.</summary>
    public string PickupDirectory { get; set; } = "outbox";

    /// <summary>The smart host. No default: guessing a relay would send pupils' mail somewhere unknown.</summary>
    public string? Host { get; set; }

    /// <summary>25 because relays between servers (RFC 5321) listen there; use 587/465 for submission hosts.</summary>
    public int Port { get; set; } = 25;

    /// <summary>Opportunistic TLS: encrypt whenever the relay offers it, still deliver to one that does not.</summary>
    public UpstreamTls Tls { get; set; } = UpstreamTls.StartTlsWhenAvailable;

    /// <summary>Off: a relay with a bad certificate may be an interception; only a lab should switch this on.</summary>
    public bool AcceptInvalidCertificates { get; set; }

    /// <summary>AUTH is used only when a user name is set; most Trust relays authorise by IP address.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>
    /// 4: enough to keep a relay busy with TCP_NODELAY on (thousands of messages a second on one connection),
    /// and below the per-client connection limits common relays enforce (Postfix default 50, Exchange Online 3–20).
    /// </summary>
    public int MaxConnections { get; set; } = 4;

    /// <summary>30 s: a relay that has not completed TCP + greeting + TLS by then is down, not slow.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>5 min: RFC 5321 4.5.3.2 asks clients to wait minutes (MAIL 5, RCPT 5, DATA end 10) per reply.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// 10 min for one try of one message: RFC 5321 4.5.3.2.6 gives the final reply to DATA 10 minutes.
    /// A hung relay must not hold a pooled connection longer than that.
    /// </summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// 15 min for all tries together: the queue runner owns long-term retries, so a send must hand the
    /// message back (Deferred) rather than block a worker for long.
    /// </summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(15);

    public UpstreamRetryOptions Retry { get; set; } = new();

    public UpstreamCircuitBreakerOptions CircuitBreaker { get; set; } = new();
}

public enum UpstreamMode
{
    /// <summary>Write each message to a directory (no network); see <see cref="PickupDirectoryUpstream"/>.</summary>
    Pickup,
    /// <summary>Relay to <see cref="UpstreamOptions.Host"/> over SMTP.</summary>
    Smtp,
}

public enum UpstreamTls
{
    /// <summary>Plain text; only for a relay on the same host or a private link.</summary>
    None,
    /// <summary>STARTTLS is required: refuse to send if the relay does not offer it.</summary>
    StartTls,
    /// <summary>STARTTLS when offered, plain text otherwise.</summary>
    StartTlsWhenAvailable,
    /// <summary>TLS from the first byte (port 465).</summary>
    Implicit,
}

/// <summary>Short-term retries inside one send; the queue runner does the long-term ones.</summary>
public sealed class UpstreamRetryOptions
{
    /// <summary>3 tries in all: rides over a dropped connection or a relay restart, then hands back.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>1 s, doubled each try with jitter, so many workers do not hammer a recovering relay in step.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>30 s cap: longer waits belong to the queue runner's schedule, not a blocked send.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Stops trying a relay that is down, so every send defers at once instead of waiting on timeouts.</summary>
public sealed class UpstreamCircuitBreakerOptions
{
    /// <summary>Half the tries failing means the relay, not one message, is the problem.</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>5 tries before judging, so one dropped connection on a quiet night does not open the circuit.</summary>
    public int MinimumThroughput { get; set; } = 5;

    /// <summary>30 s window: long enough to see a trend, short enough to react to an outage quickly.</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>30 s open before one trial send: a restarting relay is usually back within that.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
