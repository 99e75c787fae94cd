using EmailGuard.Policy.Addresses;
using EmailGuard.Policy.Configuration;

namespace EmailGuard.Policy.Rules;

/// <summary>
/// Policy 7.1, 7.2: while an occasional monitoring exercise is active (Start &lt;= now &lt; End, from the
/// pipeline's <see cref="TimeProvider"/>), mail whose envelope sender or From is the employee is copied to that
/// exercise's reviewer, and only to them (<see cref="RuleHit.CopyTo"/>). The evidence is the assessment and
/// the window, never content. Outside every window the rule says nothing.
/// </summary>
internal sealed class OccasionalMonitoringRule : IPolicyRule
{
    private readonly Dictionary<string, List<Exercise>> _byEmployee = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public OccasionalMonitoringRule(TrustContext trust)
    {
        _time = trust.Time;
        // The validator has refused incomplete entries before a pipeline is built; skip any here defensively.
        foreach (var entry in trust.Settings.OccasionalMonitoring)
        {
            if (entry is null
                || !MailAddress.TryParse(entry.Employee, out var employee)
                || !MailAddress.TryParse(entry.Reviewer, out var reviewer)
                || !OccasionalMonitoringEntry.TryParseTime(entry.Start, out var start)
                || !OccasionalMonitoringEntry.TryParseTime(entry.End, out var end)
                || string.IsNullOrWhiteSpace(entry.PiaReference))
            {
                continue;
            }
            var key = employee.ToString();
            if (!_byEmployee.TryGetValue(key, out var list))
            {
                _byEmployee[key] = list = [];
            }
            list.Add(new Exercise(start, end, entry.PiaReference.Trim(), entry.AuthorisedBy?.Trim() ?? "", [reviewer.ToString()]));
        }
    }

    public string Id => OccasionalMonitoringValidator.RuleId;

    public string Clause => "7.1, 7.2";

    public RuleAction DefaultAction => RuleAction.Monitor;

    public void Evaluate(MessageFacts message, List<RuleHit> hits)
    {
        if (_byEmployee.Count == 0)
        {
            return;
        }
        var now = _time.GetUtcNow();
        var senders = new HashSet<string>(StringComparer.Ordinal);
        if (message.EnvelopeSender is { } envelopeSender)
        {
            senders.Add(envelopeSender.ToString());
        }
        foreach (var from in message.From)
        {
            if (from.Address is { } address)
            {
                senders.Add(address.ToString());
            }
        }
        foreach (var sender in senders)
        {
            if (!_byEmployee.TryGetValue(sender, out var exercises))
            {
                continue;
            }
            foreach (var exercise in exercises)
            {
                if (exercise.Start <= now && now < exercise.End)
                {
                    hits.Add(new RuleHit(
                        $"Occasional monitoring of the sender under privacy impact assessment {exercise.PiaReference}, "
                        + $"{Utc(exercise.Start)} to {Utc(exercise.End)}, authorised by {exercise.AuthorisedBy}",
                        CopyTo: exercise.Reviewer));
                }
            }
        }
    }

    private static string Utc(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private sealed record Exercise(DateTimeOffset Start, DateTimeOffset End, string PiaReference, string AuthorisedBy,
        IReadOnlyList<string> Reviewer);
}
