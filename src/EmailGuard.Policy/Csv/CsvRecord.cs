namespace EmailGuard.Policy.Csv;

/// <summary>The fields of one CSV record and the line it starts on (a quoted field may span lines).</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);
