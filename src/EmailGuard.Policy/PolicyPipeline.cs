using EmailGuard.Policy.Addresses;
using EmailGuard.Policy.Configuration;
using EmailGuard.Policy.People;
using EmailGuard.Policy.Rules;
using EmailGuard.Policy.Safety;
using MimeKit;

namespace EmailGuard.Policy;

/// <summary>
/// The Trust's rules over one message. Pure: message + envelope (+ the directory it was built with) in,
/// verdict out; safe to call from many threads at once.
/// </summary>
public sealed class PolicyPipeline
{
    private readonly TrustContext _trust;
    private readonly IReadOnlyList<ConfiguredRule> _rules;

    public static PolicyPipeline Empty { get; } = new(TrustContext.Empty, []);

    private PolicyPipeline(TrustContext trust, IReadOnlyList<ConfiguredRule> rules)
    {
        _trust = trust;
        _rules = rules;
        MonitorAddresses = [.. trust.Settings.MonitorAddresses];
    }

    /// <summary>Ids of every rule the pipeline knows, for configuration and documentation.</summary>
    public static IReadOnlyList<string> RuleIds => RuleCatalog.Ids;

    /// <summary>
    /// Indexes the directory and applies the settings. Throws <see cref="PolicyConfigurationException"/> listing
    /// every settings problem (bad action names, unknown rule ids, malformed addresses).
    /// </summary>
    /// <param name="safetyLexicon">The safety-concern phrases; null runs that rule with none (it never fires).</param>
    /// <param name="timeProvider">The clock for occasional monitoring windows; default <see cref="TimeProvider.System"/>.</param>
    public static PolicyPipeline Create(PolicySettings settings, TrustDirectory directory, SafetyLexicon? safetyLexicon = null,
        TimeProvider? timeProvider = null)
    {
        var errors = PolicySettingsValidator.Validate(settings, RuleCatalog.Ids);
        if (errors.Count > 0)
        {
            throw new PolicyConfigurationException(errors);
        }
        var trust = new TrustContext(settings, directory, safetyLexicon, timeProvider);
        var rules = RuleCatalog.Create(trust)
            .Select(rule => new ConfiguredRule(rule, settings.Rules.GetValueOrDefault(rule.Id)))
            .Where(rule => rule.Enabled)
            .ToList();
        return new PolicyPipeline(trust, rules);
    }

    /// <summary>Where monitored mail is copied (policy 7.2.1).</summary>
    public IReadOnlyList<string> MonitorAddresses { get; }

    /// <summary>Rules that run (enabled ones), for start-up logging.</summary>
    public int EnabledRuleCount => _rules.Count;

    public int PupilCount => _trust.Directory.Pupils.Count;

    public int StaffCount => _trust.Directory.Staff.Count;

    /// <summary>True when the address is in one of the Trust's own domains (notices go only there).</summary>
    public bool IsTrustAddress(string address) =>
        MailAddress.TryParse(address, out var parsed) && _trust.IsTrustDomain(parsed.Domain);

    public Verdict Evaluate(MimeMessage message, Envelope envelope)
    {
        if (_rules.Count == 0)
        {
            return Verdict.Clean;
        }
        var facts = new MessageFacts(message, envelope);
        var findings = new List<Finding>();
        var hits = new List<RuleHit>();
        foreach (var rule in _rules)
        {
            if (rule.ExemptsSender(facts))
            {
                continue;
            }
            hits.Clear();
            if (!TryEvaluate(rule, facts, hits, findings))
            {
                continue;
            }
            foreach (var hit in hits)
            {
                if (!rule.ExemptsHit(hit, facts))
                {
                    findings.Add(new Finding(rule.Rule.Id, rule.Rule.Clause, rule.Action, rule.Observe, hit.Evidence)
                    {
                        CopyTo = hit.CopyTo,
                    });
                }
            }
        }
        return findings.Count == 0 ? Verdict.Clean : Verdict.From(findings);
    }

    // A rule that throws is a bug, not a verdict on the message: hold it for a person rather than let it
    // through unchecked or fail the whole SMTP transaction.
    private static bool TryEvaluate(ConfiguredRule rule, MessageFacts facts, List<RuleHit> hits, List<Finding> findings)
    {
        try
        {
            rule.Rule.Evaluate(facts, hits);
            return true;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            findings.Add(new Finding(rule.Rule.Id, rule.Rule.Clause, RuleAction.Hold, false,
                $"Rule failed ({ex.GetType().Name}); held for review"));
            return false;
        }
    }
}
