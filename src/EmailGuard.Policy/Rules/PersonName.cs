using EmailGuard.Policy.Text;

namespace EmailGuard.Policy.Rules;

/// <summary>A person's names normalised once per load (rules share them); <see cref="Preferred"/> may be "".</summary>
internal readonly record struct PersonName(string First, string Preferred, string Last)
{
    public static PersonName Of(string first, string last, string preferred = "") =>
        new(TextNormalizer.Normalize(first), TextNormalizer.Normalize(preferred), TextNormalizer.Normalize(last));
}
