namespace EmailGuard.Policy.Csv;

/// <summary>
/// A problem with one line of a directory file. The text never quotes field values (they are names and
/// addresses), so it is safe to log.
/// </summary>
public sealed record CsvError(string File, int Line, string Problem)
{
    public override string ToString() => $"{File}:{Line}: {Problem}";
}
