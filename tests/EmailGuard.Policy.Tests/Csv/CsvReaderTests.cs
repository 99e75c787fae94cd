using EmailGuard.Policy.Csv;

namespace EmailGuard.Policy.Tests.Csv;

public class CsvReaderTests
{
    private static (List<CsvRecord> Records, List<CsvError> Errors) Read(string text) =>
        CsvReader.Read(new StringReader(text), "t.csv");

    [Test]
    public void Quoted_fields_keep_commas_quotes_and_line_breaks()
    {
        var (records, errors) = Read("a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",z\n");

        Assert.That(errors, Is.Empty);
        Assert.That(records[1].Fields, Is.EqualTo(new[] { "x, y", "say \"hi\"" }));
        Assert.That(records[2].Fields, Is.EqualTo(new[] { "two\nlines", "z" }));
    }

    [Test]
    public void Records_after_a_multiline_field_report_their_own_line()
    {
        var (records, _) = Read("h\n\"a\nb\nc\"\nnext\n");

        Assert.That(records.Select(r => r.Line), Is.EqualTo(new[] { 1, 2, 5 }));
    }

    [Test]
    public void Blank_lines_and_byte_order_mark_are_ignored()
    {
        var (records, errors) = Read("\uFEFFh1,h2\n\n1,2\n\n");

        Assert.That(errors, Is.Empty);
        Assert.That(records.Select(r => r.Fields[0]), Is.EqualTo(new[] { "h1", "1" }));
    }

    [TestCase("h\nab\"c\n", 2, "quote inside an unquoted field", TestName = "Stray_quote_is_reported_with_its_line")]
    [TestCase("h\n\n\"ab\"c\n", 3, "text after a closing quote", TestName = "Text_after_closing_quote_is_reported_with_its_line")]
    [TestCase("h\nok\n\"never closed\n", 3, "not closed", TestName = "Unclosed_quote_is_reported_with_the_line_it_opened")]
    public void Malformed_record_is_reported_and_skipped(string text, int line, string problem)
    {
        var (records, errors) = Read(text);

        Assert.That(errors.Single().Line, Is.EqualTo(line));
        Assert.That(errors.Single().Problem, Does.Contain(problem));
        Assert.That(records.Select(r => r.Line), Does.Not.Contain(line));
    }
}
