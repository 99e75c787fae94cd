using EmailGuard.Policy.People;
using EmailGuard.Policy.Text;

namespace EmailGuard.Policy.Rules;

/// <summary>The ways a pupil's name is written in a subject line, normalised for <see cref="NameSequenceIndex{T}"/>.</summary>
internal static class PupilNameForms
{
    /// <summary>
    /// "First Last", "Preferred Last", "Last, First" (the comma normalises away), "F. Last" / "F Last", and
    /// for multi-word given names the first word alone with the surname ("Mary Ann Lee" → "Mary Lee").
    /// </summary>
    public static IEnumerable<string> For(Pupil pupil)
    {
        var last = TextNormalizer.Normalize(pupil.LastName);
        if (last.Length == 0)
        {
            yield break;
        }
        foreach (var given in Givens(pupil))
        {
            yield return given + " " + last;
            yield return last + " " + given;
            yield return given[0] + " " + last;
            var space = given.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0)
            {
                yield return given[..space] + " " + last;
            }
        }
    }

    /// <summary>
    /// Full names only ("First Last", "Preferred Last", and "Last, First" as directory-style clients show them):
    /// what a display name would say.
    /// </summary>
    public static IEnumerable<string> FullNames(string firstName, string lastName, string preferredName = "")
    {
        var last = TextNormalizer.Normalize(lastName);
        foreach (var given in new[] { firstName, preferredName }.Select(n => TextNormalizer.Normalize(n)).Distinct())
        {
            if (given.Length > 0 && last.Length > 0)
            {
                yield return given + " " + last;
                yield return last + " " + given;
            }
        }
    }

    private static IEnumerable<string> Givens(Pupil pupil) =>
        new[] { pupil.FirstName, pupil.PreferredName }
            .Select(n => TextNormalizer.Normalize(n))
            .Where(n => n.Length > 0)
            .Distinct();
}
