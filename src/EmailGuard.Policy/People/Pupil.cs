namespace EmailGuard.Policy.People;

/// <summary>One row of pupils.csv. <see cref="PreferredName"/> is "" when the pupil has none.</summary>
public sealed record Pupil(
    string Upn,
    string FirstName,
    string LastName,
    string PreferredName,
    string Email,
    IReadOnlyList<string> PersonalEmails);
