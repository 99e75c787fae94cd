using EmailGuard.Policy.Addresses;

namespace EmailGuard.Policy.Csv;

/// <summary>Shared checks for the directory files: the header row and address fields.</summary>
internal static class DirectoryCsv
{
    /// <summary>Reads the file, checks the header is exactly <paramref name="columns"/>, returns the data records.</summary>
    public static List<CsvRecord> ReadRows(TextReader reader, string file, string[] columns, List<CsvError> errors)
    {
        var (records, readErrors) = CsvReader.Read(reader, file);
        errors.AddRange(readErrors);
        if (records.Count == 0 || records[0].Line != 1)
        {
            errors.Add(new CsvError(file, 1, $"expected header '{string.Join(',', columns)}'"));
            return [];
        }
        var header = records[0].Fields.Select(f => f.Trim()).ToArray();
        if (!header.SequenceEqual(columns, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add(new CsvError(file, 1, $"expected header '{string.Join(',', columns)}'"));
            return [];
        }
        var rows = new List<CsvRecord>(records.Count - 1);
        foreach (var record in records.Skip(1))
        {
            if (record.Fields.Count != columns.Length)
            {
                errors.Add(new CsvError(file, record.Line, $"expected {columns.Length} fields, found {record.Fields.Count}"));
            }
            else
            {
                rows.Add(record);
            }
        }
        return rows;
    }

    public static bool IsAddress(string value) => MailAddress.TryParse(value, out _);
}
