using System.Globalization;
using System.Text.RegularExpressions;

namespace EmailGuard.Gateway.Tests.Support;

/// <summary>Reads samples out of a Prometheus text exposition, as a Prometheus server would.</summary>
internal static partial class Exposition
{
    /// <summary>
    /// The value of the sample selected by <paramref name="series"/>, written as Prometheus shows it, e.g.
    /// <c>emailguard_queue_depth{area="hold"}</c>: the name must match and the labels given must be present; other
    /// labels (the exporter adds <c>otel_scope_name</c>) and label order do not matter. Null when absent.
    /// </summary>
    public static double? Sample(string exposition, string series)
    {
        var (name, wanted) = Parse(series);
        foreach (var line in exposition.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }
            var space = line.LastIndexOf(' ');
            var (lineName, labels) = Parse(line[..space]);
            if (lineName == name && wanted.All(w => labels.Contains(w)))
            {
                return double.Parse(line[(space + 1)..], CultureInfo.InvariantCulture);
            }
        }
        return null;
    }

    private static (string Name, HashSet<(string, string)> Labels) Parse(string series)
    {
        var brace = series.IndexOf('{', StringComparison.Ordinal);
        if (brace < 0)
        {
            return (series, []);
        }
        var labels = Label().Matches(series[brace..]).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToHashSet();
        return (series[..brace], labels);
    }

    [GeneratedRegex("([a-zA-Z_][a-zA-Z0-9_]*)=\"([^\"]*)\"")]
    private static partial Regex Label();
}
