using EmailGuard.Policy.Safety;

namespace EmailGuard.Policy.Tests.Safety;

public class SafetyLexiconCsvTests
{
    private const string Header = "category,severity,phrase\n";

    [Test]
    public void Comments_phrases_and_ignore_rows_are_read()
    {
        var result = SafetyLexiconCsv.Parse("\uFEFF# Reviewed by the DSL\n# another, comment \"quoted\"\n" + Header
            + "self-harm,high,kill myself\nweapons-violence,Medium,\"knife, blade\"\nignore,,kill two birds\n\n");

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Lexicon.Phrases, Is.EqualTo(new[]
        {
            new SafetyPhrase("self-harm", SafetySeverity.High, "kill myself"),
            new SafetyPhrase("weapons-violence", SafetySeverity.Medium, "knife, blade"),
        }));
        Assert.That(result.Lexicon.Ignored, Is.EqualTo(new[] { "kill two birds" }));
    }

    [TestCase("self-harm,severe,kill myself", "lex.csv:3: severity 'severe' is not low, medium or high", TestName = "Unknown_severity_is_an_error")]
    [TestCase("self-harm,2,kill myself", "lex.csv:3: severity '2' is not low, medium or high", TestName = "Numeric_severity_is_an_error")]
    [TestCase("Self Harm,high,kill myself", "lex.csv:3: category must be lower-case letters, digits and hyphens (e.g. self-harm)", TestName = "Category_with_spaces_is_an_error")]
    [TestCase(",high,kill myself", "lex.csv:3: category is empty", TestName = "Empty_category_is_an_error")]
    [TestCase("ignore,low,kill two birds", "lex.csv:3: severity must be empty on an ignore row", TestName = "Ignore_row_with_severity_is_an_error")]
    [TestCase("abuse,high,!!!", "lex.csv:3: phrase is empty once normalised", TestName = "Phrase_of_punctuation_is_an_error")]
    [TestCase("abuse,high,K1LL MYSELF", "lex.csv:3: phrase is the same (once normalised) as line 2", TestName = "Duplicate_phrase_is_an_error")]
    [TestCase("ignore,,kill myself", "lex.csv:3: phrase is the same (once normalised) as line 2", TestName = "Ignoring_a_flagged_phrase_is_an_error")]
    [TestCase("abuse,high", "lex.csv:3: expected 3 fields, found 2", TestName = "Short_row_is_an_error")]
    [TestCase("abuse,high,\"unclosed", "lex.csv:3: quoted field is not closed before the end of the file", TestName = "Unclosed_quote_is_an_error")]
    public void Bad_row_is_reported_with_file_and_line(string row, string expected)
    {
        var result = SafetyLexiconCsv.Parse(Header + "self-harm,high,kill myself\n" + row + "\n", "lex.csv");

        Assert.That(result.Errors.Select(e => e.ToString()), Is.EqualTo(new[] { expected }));
    }

    [Test]
    public void Wrong_header_is_an_error()
    {
        var result = SafetyLexiconCsv.Parse("# comment\nphrase,category\nkill,abuse\n", "lex.csv");

        Assert.That(result.Errors.Single().ToString(), Is.EqualTo("lex.csv:2: expected header 'category,severity,phrase'"));
    }

    [Test]
    public void Lexicon_without_phrases_is_an_error()
    {
        var result = SafetyLexiconCsv.Parse(Header + "ignore,,drug trial\n", "lex.csv");

        Assert.That(result.Errors.Single().ToString(), Does.StartWith("lex.csv:1: no phrases to flag"));
    }

    [Test]
    public void Errors_do_not_quote_phrases()
    {
        var result = SafetyLexiconCsv.Parse(Header + "self-harm,high,secret phrase\nabuse,high,Secret  Phrase\n", "lex.csv");

        Assert.That(result.Errors.Select(e => e.ToString()), Has.None.Contains("ecret"));
    }
}
