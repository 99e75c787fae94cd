namespace EmailGuard.Policy.Rules;

/// <summary>The ways a person's name is written, normalised for <see cref="NameSequenceIndex{T}"/> and lookups.</summary>
internal static class PupilNameForms
{
    /// <summary>
    /// Subject forms: "First Last", "Preferred Last", "Last, First" (the comma normalises away), "F. Last" /
    /// "F Last", and for multi-word given names the first word alone with the surname ("Mary Ann Lee" → "Mary Lee").
    /// </summary>
    public static void ForSubjects(PersonName name, List<string> forms)
    {
        forms.Clear();
        if (name.Last.Length == 0)
        {
            return;
        }
        AddSubjectForms(name.First, name.Last, forms);
        if (name.Preferred != name.First)
        {
            AddSubjectForms(name.Preferred, name.Last, forms);
        }
    }

    /// <summary>
    /// Full names only ("First Last", "Preferred Last", and "Last First" as directory-style clients show
    /// "Last, First"): what a display name would say.
    /// </summary>
    public static void FullNames(PersonName name, List<string> forms)
    {
        forms.Clear();
        if (name.Last.Length == 0)
        {
            return;
        }
        foreach (var given in name.Preferred == name.First ? [name.First] : new[] { name.First, name.Preferred })
        {
            if (given.Length > 0)
            {
                forms.Add(given + " " + name.Last);
                forms.Add(name.Last + " " + given);
            }
        }
    }

    private static void AddSubjectForms(string given, string last, List<string> forms)
    {
        if (given.Length == 0)
        {
            return;
        }
        forms.Add(given + " " + last);
        forms.Add(last + " " + given);
        forms.Add(string.Concat(given.AsSpan(0, 1), " ", last));
        var space = given.IndexOf(' ', StringComparison.Ordinal);
        if (space > 0)
        {
            forms.Add(string.Concat(given.AsSpan(0, space), " ", last));
        }
    }
}
