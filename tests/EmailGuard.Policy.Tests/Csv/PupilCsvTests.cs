using EmailGuard.Policy.Csv;

namespace EmailGuard.Policy.Tests.Csv;

public class PupilCsvTests
{
    private const string Header = "upn,first_name,last_name,preferred_name,email,personal_emails\n";

    [Test]
    public void Pupils_are_parsed_with_quoted_names_and_personal_addresses()
    {
        var result = PupilCsv.Parse(Header
            + "A1,\"Zoë\",\"O'Brien, Jr\",,zoe@pupils.example,\"zoe@gmail.com; z@outlook.com\"\n"
            + "A2,Sam,Lee,Sammy,sam@pupils.example,\n");

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Rows[0].LastName, Is.EqualTo("O'Brien, Jr"));
        Assert.That(result.Rows[0].PersonalEmails, Is.EqualTo(new[] { "zoe@gmail.com", "z@outlook.com" }));
        Assert.That(result.Rows[1].PreferredName, Is.EqualTo("Sammy"));
        Assert.That(result.Rows[1].PersonalEmails, Is.Empty);
    }

    [TestCase("A1,Zoe,Smith,,not-an-address,\n", "email is not an address", TestName = "Bad_email_is_reported_with_line")]
    [TestCase("A1,Zoe,Smith,,z@p.example,bad;\n", "personal_emails", TestName = "Bad_personal_email_is_reported_with_line")]
    [TestCase("A1,Zoe,Smith,z@p.example\n", "expected 6 fields, found 4", TestName = "Missing_fields_are_reported_with_line")]
    [TestCase(",Zoe,Smith,,z@p.example,\n", "upn is empty", TestName = "Empty_upn_is_reported_with_line")]
    [TestCase("A1,,Smith,,z@p.example,\n", "first_name is empty", TestName = "Empty_first_name_is_reported_with_line")]
    public void Bad_row_is_reported_on_line_3_and_good_rows_kept(string badRow, string problem)
    {
        var result = PupilCsv.Parse(Header + "A0,Ann,Lee,,ann@p.example,\n" + badRow, "pupils.csv");

        Assert.That(result.Errors.Single().ToString(), Does.StartWith("pupils.csv:3: ").And.Contain(problem));
        Assert.That(result.Rows.Single().Upn, Is.EqualTo("A0"));
    }

    [Test]
    public void Errors_never_quote_field_values()
    {
        var result = PupilCsv.Parse(Header + "A1,Secret,Name,,secret-name-not-an-address,\n");

        Assert.That(result.Errors.Single().ToString(), Does.Not.Contain("Secret").And.Not.Contain("secret-name"));
    }

    [Test]
    public void Duplicate_upn_is_reported_on_the_later_line()
    {
        var result = PupilCsv.Parse(Header + "A1,Ann,Lee,,a@p.example,\nA1,Bob,Lee,,b@p.example,\n");

        Assert.That(result.Errors.Single().Line, Is.EqualTo(3));
    }

    [Test]
    public void Wrong_header_is_reported_on_line_1()
    {
        var result = PupilCsv.Parse("upn,first,last\nA1,Ann,Lee\n");

        Assert.That(result.Errors.Single().Line, Is.EqualTo(1));
        Assert.That(result.Rows, Is.Empty);
    }
}
