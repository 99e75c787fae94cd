namespace EmailGuard.Policy.Csv;

/// <summary>What a directory file yielded: the good rows and every problem found, so all are reported at once.</summary>
public sealed record CsvParseResult<T>(IReadOnlyList<T> Rows, IReadOnlyList<CsvError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
