using EmailGuard.Policy.People;

namespace EmailGuard.Policy.Csv;

/// <summary>Parses pupils.csv: <c>upn,first_name,last_name,preferred_name,email,personal_emails</c>.</summary>
public static class PupilCsv
{
    private static readonly string[] Columns = ["upn", "first_name", "last_name", "preferred_name", "email", "personal_emails"];

    public static CsvParseResult<Pupil> Parse(string text, string file = "pupils.csv") =>
        Parse(new StringReader(text), file);

    public static CsvParseResult<Pupil> Parse(TextReader reader, string file = "pupils.csv")
    {
        var errors = new List<CsvError>();
        var pupils = new List<Pupil>();
        var upns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var record in DirectoryCsv.ReadRows(reader, file, Columns, errors))
        {
            var f = record.Fields.Select(v => v.Trim()).ToArray();
            var personal = f[5].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var problem =
                f[0].Length == 0 ? "upn is empty"
                : f[1].Length == 0 ? "first_name is empty"
                : f[2].Length == 0 ? "last_name is empty"
                : !DirectoryCsv.IsAddress(f[4]) ? "email is not an address"
                : !personal.All(DirectoryCsv.IsAddress) ? "personal_emails has an entry that is not an address"
                : !upns.Add(f[0]) ? "upn appears on an earlier line"
                : null;
            if (problem is null)
            {
                pupils.Add(new Pupil(f[0], f[1], f[2], f[3], f[4], personal));
            }
            else
            {
                errors.Add(new CsvError(file, record.Line, problem));
            }
        }
        return new CsvParseResult<Pupil>(pupils, errors);
    }
}
