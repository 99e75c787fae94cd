using EmailGuard.Policy.Csv;

namespace EmailGuard.Policy.Tests.Csv;

public class StaffCsvTests
{
    [Test]
    public void Staff_rows_are_parsed()
    {
        var result = StaffCsv.Parse("first_name,last_name,email\r\nJane,\"Teacher\",j.teacher@trust.example\r\n");

        Assert.That(result.IsValid, Is.True);
        Assert.That(result.Rows.Single().Email, Is.EqualTo("j.teacher@trust.example"));
    }

    [Test]
    public void Every_bad_row_is_reported_with_its_line()
    {
        var result = StaffCsv.Parse("first_name,last_name,email\nJane,Teacher,nope\nok,ok,ok@t.example\n,Head,h@t.example\n", "staff.csv");

        Assert.That(result.Errors.Select(e => e.ToString()), Is.EqualTo(new[]
        {
            "staff.csv:2: email is not an address",
            "staff.csv:4: first_name is empty",
        }));
    }
}
