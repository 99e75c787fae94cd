namespace EmailGuard.Policy;

/// <summary>The pipeline's answer for one message: the most severe effective action and every finding.</summary>
public sealed record Verdict(RuleAction Action, IReadOnlyList<Finding> Findings)
{
    public static Verdict Clean { get; } = new(RuleAction.Forward, []);

    public static Verdict From(IReadOnlyList<Finding> findings)
    {
        var action = RuleAction.Forward;
        foreach (var f in findings)
        {
            if (f.EffectiveAction > action)
            {
                action = f.EffectiveAction;
            }
        }
        return new Verdict(action, findings);
    }

    /// <summary>
    /// Who gets a monitoring copy and which findings each copy may show: every finding whose effective action
    /// is at least <paramref name="minimum"/> goes to its <see cref="Finding.CopyTo"/>, or to
    /// <paramref name="monitorAddresses"/> when that is null. Addresses compare case-insensitively; order is
    /// first appearance. A recipient never sees a finding routed to someone else.
    /// </summary>
    public IReadOnlyList<MonitorCopy> Copies(IReadOnlyList<string> monitorAddresses, RuleAction minimum = RuleAction.Monitor)
    {
        var copies = new List<MonitorCopy>();
        var byAddress = new Dictionary<string, List<Finding>>(StringComparer.OrdinalIgnoreCase);
        foreach (var finding in Findings)
        {
            if (finding.EffectiveAction < minimum || finding.EffectiveAction == RuleAction.Forward)
            {
                continue;
            }
            foreach (var address in finding.CopyTo ?? monitorAddresses)
            {
                if (!byAddress.TryGetValue(address, out var list))
                {
                    byAddress[address] = list = [];
                    copies.Add(new MonitorCopy(address, list));
                }
                list.Add(finding);
            }
        }
        return copies;
    }
}

/// <summary>One monitoring copy to send: the recipient and the findings it may show.</summary>
public sealed record MonitorCopy(string Address, IReadOnlyList<Finding> Findings);
