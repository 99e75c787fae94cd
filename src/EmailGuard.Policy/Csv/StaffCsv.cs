using EmailGuard.Policy.People;

namespace EmailGuard.Policy.Csv;

/// <summary>Parses staff.csv: <c>first_name,last_name,email</c>.</summary>
public static class StaffCsv
{
    private static readonly string[] Columns = ["first_name", "last_name", "email"];

    public static CsvParseResult<StaffMember> Parse(string text, string file = "staff.csv") =>
        Parse(new StringReader(text), file);

    public static CsvParseResult<StaffMember> Parse(TextReader reader, string file = "staff.csv")
    {
        var errors = new List<CsvError>();
        var staff = new List<StaffMember>();
        foreach (var record in DirectoryCsv.ReadRows(reader, file, Columns, errors))
        {
            var f = record.Fields.Select(v => v.Trim()).ToArray();
            var problem =
                f[0].Length == 0 ? "first_name is empty"
                : f[1].Length == 0 ? "last_name is empty"
                : !DirectoryCsv.IsAddress(f[2]) ? "email is not an address"
                : null;
            if (problem is null)
            {
                staff.Add(new StaffMember(f[0], f[1], f[2]));
            }
            else
            {
                errors.Add(new CsvError(file, record.Line, problem));
            }
        }
        return new CsvParseResult<StaffMember>(staff, errors);
    }
}
