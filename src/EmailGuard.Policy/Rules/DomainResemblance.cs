using EmailGuard.Policy.Addresses;
using EmailGuard.Policy.Text;

namespace EmailGuard.Policy.Rules;

/// <summary>
/// Says which well-known domain an unknown one imitates: the same letters in other scripts (a punycode
/// homograph), or a near-miss typing slip (Damerau distance, transpositions count once). Short names get one
/// edit, not two, because two edits turn "aol" into many real, unrelated domains.
/// </summary>
internal sealed class DomainResemblance
{
    private readonly HashSet<string> _known;
    private readonly List<(string Domain, string Skeleton, int MaxEdits)> _targets = [];

    public DomainResemblance(IEnumerable<string> knownAsciiDomains)
    {
        _known = knownAsciiDomains.ToHashSet(StringComparer.Ordinal);
        foreach (var domain in _known)
        {
            var label = domain.Split('.')[0];
            var maxEdits = label.Length <= 2 ? 0 : label.Length <= 5 ? 1 : 2;
            _targets.Add((domain, Skeleton(domain), maxEdits));
        }
    }

    /// <summary>Null when <paramref name="asciiDomain"/> is itself known or resembles nothing known.</summary>
    public string? Describe(string asciiDomain)
    {
        if (_known.Contains(asciiDomain))
        {
            return null;
        }
        var skeleton = Skeleton(asciiDomain);
        foreach (var target in _targets)
        {
            if (skeleton == target.Skeleton)
            {
                return $"{target.Domain} (look-alike characters)";
            }
        }
        foreach (var target in _targets)
        {
            if (target.MaxEdits == 0)
            {
                continue;
            }
            var distance = EditDistance.Damerau(skeleton, target.Skeleton, target.MaxEdits);
            if (distance <= target.MaxEdits)
            {
                return $"{target.Domain} ({distance} character edit(s) away)";
            }
        }
        return null;
    }

    private static string Skeleton(string asciiDomain) =>
        TextNormalizer.Normalize(MailAddress.DomainToUnicode(asciiDomain), NormalizeOptions.KeepPunctuation);
}
