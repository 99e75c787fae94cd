using System.Diagnostics.Metrics;
using EmailGuard.Gateway.Delivery;
using EmailGuard.Gateway.Policy;
using EmailGuard.Gateway.Spool;
using EmailGuard.Policy;

namespace EmailGuard.Gateway.Metrics;

/// <summary>
/// The gateway's instruments, on one <see cref="Meter"/> named <c>EmailGuard</c>, exported by OpenTelemetry (see
/// <see cref="Admin.AdminServer"/>): <c>emailguard.messages.received</c> is scraped as
/// <c>emailguard_messages_received_total</c>. Tags are rule ids, actions and fixed reason words only: never
/// addresses, subjects or names.
/// </summary>
public sealed class GatewayMetrics
{
    public const string MeterName = "EmailGuard";
    internal const string NoRule = "none";

    /// <summary>Bucket bounds in seconds: parse and policy take well under a millisecond, a spool fsync a few.</summary>
    private static readonly InstrumentAdvice<double> Seconds = new()
    {
        HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    };

    private readonly Counter<long> _received;
    private readonly Counter<long> _forwarded;
    private readonly Counter<long> _monitored;
    private readonly Counter<long> _held;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _findings;
    private readonly Counter<long> _refused;
    private readonly Histogram<double> _parse;
    private readonly Histogram<double> _rules;
    private readonly Histogram<double> _pipeline;
    private readonly Counter<long> _attempts;
    private readonly Counter<long> _delivered;
    private readonly Counter<long> _failures;
    private Func<int> _activeSessions = () => 0;

    public GatewayMetrics(IMeterFactory meters, MessageSpool spool, IUpstream upstream, IPolicySource policy, TimeProvider time)
    {
        Meter = meters.Create(MeterName);
        _received = Meter.CreateCounter<long>("emailguard.messages.received", "{message}", "Messages that reached end of DATA.");
        _forwarded = Meter.CreateCounter<long>("emailguard.messages.forwarded", "{message}", "Messages accepted for delivery as addressed (no rule acted; observe-mode findings are in emailguard.rule.findings).");
        _monitored = Meter.CreateCounter<long>("emailguard.messages.monitored", "{message}", "Messages accepted for delivery with a copy to the E-safety monitor (tag rule: the deciding rule).");
        _held = Meter.CreateCounter<long>("emailguard.messages.held", "{message}", "Messages put in quarantine (tag rule: the deciding rule).");
        _rejected = Meter.CreateCounter<long>("emailguard.messages.rejected", "{message}", "Messages refused with 550 by the policy (tag rule: the deciding rule).");
        _findings = Meter.CreateCounter<long>("emailguard.rule.findings", "{finding}", "Rule findings (tags rule, action, observe): observe=true findings are recorded but act as forward.");
        _refused = Meter.CreateCounter<long>("emailguard.messages.refused", "{message}", "Messages refused before the policy ran (tag reason).");
        _parse = Meter.CreateHistogram<double>("emailguard.message.parse.duration", "s", "Time to parse a received message.", tags: null, advice: Seconds);
        _rules = Meter.CreateHistogram<double>("emailguard.message.rules.duration", "s", "Time to run the policy on a parsed message.", tags: null, advice: Seconds);
        _pipeline = Meter.CreateHistogram<double>("emailguard.message.pipeline.duration", "s", "End of DATA to reply: checks, parse, policy and durable spool.", tags: null, advice: Seconds);
        _attempts = Meter.CreateCounter<long>("emailguard.delivery.attempts", "{attempt}", "Delivery attempts (one per message per try).");
        _delivered = Meter.CreateCounter<long>("emailguard.delivery.delivered", "{recipient}", "Recipients the upstream accepted.");
        _failures = Meter.CreateCounter<long>("emailguard.delivery.failures", "{recipient}", "Recipients not delivered by an attempt (tag kind: deferred = will retry, failed = permanent).");

        Meter.CreateObservableGauge("emailguard.queue.depth", () => new[]
        {
            new Measurement<int>(spool.Count(SpoolArea.Queue), new KeyValuePair<string, object?>("area", "queue")),
            new Measurement<int>(spool.Count(SpoolArea.Hold), new KeyValuePair<string, object?>("area", "hold")),
        }, "{message}", "Messages in the spool: queue = waiting for delivery, hold = quarantine.");
        Meter.CreateObservableGauge("emailguard.queue.oldest.age", () => new[]
        {
            new Measurement<double>(OldestAge(spool, SpoolArea.Queue, time), new KeyValuePair<string, object?>("area", "queue")),
            new Measurement<double>(OldestAge(spool, SpoolArea.Hold, time), new KeyValuePair<string, object?>("area", "hold")),
        }, "s", "Age of the oldest message in each spool area (0 when empty).");
        Meter.CreateObservableGauge("emailguard.upstream.circuit.open",
            () => upstream is IUpstreamCircuit { IsCircuitOpen: true } ? 1 : 0,
            null, "1 while the upstream circuit breaker is open (deliveries deferred without trying).");
        Meter.CreateObservableGauge("emailguard.policy.reload.failed",
            () => policy is FilePolicySource { LastReloadError: not null } ? 1 : 0,
            null, "1 while the last policy reload was refused (the last good policy is still enforced).");
        Meter.CreateObservableGauge("emailguard.smtp.sessions.active", () => _activeSessions(), "{session}", "Open SMTP sessions.");
    }

    public Meter Meter { get; }

    /// <summary>The receiver reports its live session count here (it owns the limiter).</summary>
    internal void ObserveActiveSessions(Func<int> read) => _activeSessions = read;

    /// <summary>
    /// Puts the untagged counters (and clean mail) at 0, so a scrape shows them before the first message. Call once
    /// a listener is attached: measurements made before that are not seen.
    /// </summary>
    internal void StartAtZero()
    {
        _received.Add(0);
        _forwarded.Add(0, new KeyValuePair<string, object?>("rule", NoRule));
        _attempts.Add(0);
        _delivered.Add(0);
    }

    internal void Received() => _received.Add(1);

    internal void Refused(string reason) => _refused.Add(1, new KeyValuePair<string, object?>("reason", reason));

    internal void Decided(Verdict verdict, TimeSpan parse, TimeSpan rules, TimeSpan pipeline)
    {
        var rule = new KeyValuePair<string, object?>("rule", DecidingRule(verdict));
        var counter = verdict.Action switch
        {
            RuleAction.Reject => _rejected,
            RuleAction.Hold => _held,
            RuleAction.Monitor => _monitored,
            _ => _forwarded,
        };
        counter.Add(1, rule);
        foreach (var f in verdict.Findings)
        {
            _findings.Add(1,
                new KeyValuePair<string, object?>("rule", f.Rule),
                new KeyValuePair<string, object?>("action", Word(f.Action)),
                new KeyValuePair<string, object?>("observe", f.Observe ? "true" : "false"));
        }
        _parse.Record(parse.TotalSeconds);
        _rules.Record(rules.TotalSeconds);
        _pipeline.Record(pipeline.TotalSeconds);
    }

    internal void Attempted(int delivered, int deferred, int failed)
    {
        _attempts.Add(1);
        _delivered.Add(delivered);
        if (deferred > 0)
        {
            _failures.Add(deferred, new KeyValuePair<string, object?>("kind", "deferred"));
        }
        if (failed > 0)
        {
            _failures.Add(failed, new KeyValuePair<string, object?>("kind", "failed"));
        }
    }

    internal static string Word(RuleAction action) => action.ToString().ToLowerInvariant();

    /// <summary>The first finding whose effective action made the verdict; <c>none</c> for a clean message.</summary>
    private static string DecidingRule(Verdict verdict) =>
        verdict.Action == RuleAction.Forward
            ? NoRule
            : verdict.Findings.FirstOrDefault(f => f.EffectiveAction == verdict.Action)?.Rule ?? NoRule;

    private static double OldestAge(MessageSpool spool, SpoolArea area, TimeProvider time) =>
        spool.Oldest(area) is { } id ? Math.Max(0, (time.GetUtcNow() - QueueId.TimeOf(id)).TotalSeconds) : 0;
}
