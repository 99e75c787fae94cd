using System.Text;
using EmailGuard.Policy.Safety;
using MimeKit;

namespace EmailGuard.Policy.Tests.Rules;

public class SafetyConcernRuleTests
{
    private const string Rule = "safety-concern";

    private static readonly SafetyLexicon Lexicon = new(
        [
            new SafetyPhrase("self-harm", SafetySeverity.High, "kill myself"),
            new SafetyPhrase("self-harm", SafetySeverity.Medium, "self harm"),
            new SafetyPhrase("weapons-violence", SafetySeverity.Medium, "kill"),
            new SafetyPhrase("weapons-violence", SafetySeverity.Medium, "shoot"),
            new SafetyPhrase("sexual-content", SafetySeverity.High, "rapist"),
            new SafetyPhrase("substance-misuse", SafetySeverity.Low, "drug"),
            new SafetyPhrase("grooming", SafetySeverity.High, "our little secret"),
        ],
        ["kill two birds", "shoot a video", "drug trial"]);

    private static readonly PolicyPipeline Pipeline = PolicyPipeline.Create(TestTrust.Settings(), TestTrust.Directory, Lexicon);

    private static Verdict Check(MimeMessage message) => Pipeline.Evaluate(message, TestTrust.Envelope());

    private static MimeMessage Plain(string body, string subject = "Hello") => new()
    {
        From = { MailboxAddress.Parse(TestTrust.Teacher) },
        To = { MailboxAddress.Parse("parent@example.net") },
        Subject = subject,
        Body = new TextPart("plain") { Text = body },
    };

    private static MimeMessage Raw(string raw)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(raw.ReplaceLineEndings("\r\n")));
        return MimeMessage.Load(stream);
    }

    [TestCase("I want to kill myself", TestName = "Plain_phrase_is_caught")]
    [TestCase("I want to KILL MYSELF!", TestName = "Phrase_in_capitals_is_caught")]
    [TestCase("I want to k\u200Bill my\u00ADself", TestName = "Phrase_with_invisible_characters_is_caught")]
    [TestCase("I want to \u043Aill m\u0443self", TestName = "Phrase_with_cyrillic_lookalikes_is_caught")]
    [TestCase("I want to k1ll mys3lf", TestName = "Phrase_with_digit_substitutions_is_caught")]
    [TestCase("I w@nt t0 k1ll my$3lf", TestName = "Phrase_with_symbol_substitutions_is_caught")]
    [TestCase("I want to kíll mysélf", TestName = "Phrase_with_accents_is_caught")]
    [TestCase("I want to \uFF4Bill myself", TestName = "Phrase_with_fullwidth_letters_is_caught")]
    [TestCase("I want to kill\r\n myself", TestName = "Phrase_across_a_line_break_is_caught")]
    [TestCase("I want to kill\u00A0\u2013\u2009myself", TestName = "Phrase_across_non_ascii_spaces_and_dashes_is_caught")]
    [TestCase("Zo\u00EB said \u201CI want to kill myself\u201D", TestName = "Phrase_after_non_ascii_text_is_caught")]
    public void Hidden_self_harm_phrase_is_monitored(string body)
    {
        var verdict = Check(Plain(body));

        var finding = verdict.FindingsOf(Rule).Single(f => f.Evidence.StartsWith("self-harm"));
        Assert.That(verdict.Action, Is.EqualTo(RuleAction.Monitor));
        Assert.That(finding.Evidence, Does.Contain("(high)").And.Contain("\"kill myself\""));
        Assert.That(finding.CopyTo, Is.Null);
    }

    [TestCase("She has real skill at netball", TestName = "Skill_does_not_match_kill")]
    [TestCase("The school therapist will call", TestName = "Therapist_does_not_match_rapist")]
    [TestCase("We killed time at the museum and the Drugstore was shut", TestName = "Longer_words_do_not_match")]
    [TestCase("A selfharmony choir", TestName = "Joined_words_do_not_match_a_phrase")]
    public void Harmless_word_containing_a_phrase_is_not_flagged(string body)
    {
        Assert.That(Check(Plain(body)).FindingsOf(Rule), Is.Empty);
    }

    [TestCase("This will kill two birds with one stone", TestName = "Kill_two_birds_is_ignored")]
    [TestCase("Year 10 will shoot a video for the open evening", TestName = "Shoot_a_video_is_ignored")]
    [TestCase("The hospital drug trial letter is attached", TestName = "Drug_trial_is_ignored")]
    [TestCase("K1LL tw0 b1rds", TestName = "Ignore_phrase_is_normalised_too")]
    public void Ignore_list_phrase_is_not_flagged(string body)
    {
        Assert.That(Check(Plain(body)).FindingsOf(Rule), Is.Empty);
    }

    [Test]
    public void Phrase_outside_an_ignore_occurrence_is_still_flagged()
    {
        var verdict = Check(Plain("We will kill two birds with one stone. Then I will kill him."));

        Assert.That(verdict.FindingsOf(Rule).Single().Evidence, Does.StartWith("weapons-violence (medium): \"kill\"")
            .And.Contain("i will kill him"));
    }

    [Test]
    public void Subject_is_scanned()
    {
        var verdict = Check(Plain("See attached.", subject: "=?UTF-8?B?" + Convert.ToBase64String(Encoding.UTF8.GetBytes("our little secret")) + "?="));

        Assert.That(verdict.FindingsOf(Rule).Single().Evidence, Does.Contain("grooming (high)").And.Contain("in subject 1"));
    }

    [Test]
    public void Html_only_body_is_scanned_with_tags_stripped_and_entities_decoded()
    {
        var message = Plain("");
        message.Body = new TextPart("html") { Text = "<html><body><p>I want to <b>k</b>i&#108;l m&amp;yself? no: k<span>ill</span> my&shy;self</p></body></html>" };

        var finding = Check(message).FindingsOf(Rule).Single(f => f.Evidence.StartsWith("self-harm"));

        Assert.That(finding.Evidence, Does.Contain("text part 1 (text/html)"));
    }

    [Test]
    public void Script_and_style_content_is_not_scanned()
    {
        var message = Plain("");
        message.Body = new TextPart("html")
        {
            Text = "<html><head><style>.kill myself { color: red }</style><script>var s = 'kill myself';</script></head>"
                + "<body><p>Trip on Friday</p><!-- kill myself --></body></html>",
        };

        Assert.That(Check(message).FindingsOf(Rule), Is.Empty);
    }

    [Test]
    public void Block_tags_separate_words()
    {
        var message = Plain("");
        message.Body = new TextPart("html") { Text = "<p>over</p><p>kill</p>" }; // "overkill" only if the tags joined

        Assert.That(Check(message).FindingsOf(Rule).Single().Evidence, Does.Contain("\"over kill\""));
    }

    [TestCase("base64", TestName = "Base64_body_is_decoded")]
    [TestCase("quoted-printable", TestName = "Quoted_printable_body_is_decoded")]
    public void Transfer_encoded_body_is_decoded(string encoding)
    {
        var body = encoding == "base64"
            ? Convert.ToBase64String(Encoding.UTF8.GetBytes("Honestly I want to kill myself tonight."))
            : "Honestly I want to k=69ll my=\r\nself tonight.";
        var message = Raw($"From: {TestTrust.Teacher}\nTo: parent@example.net\nSubject: Hi\nMIME-Version: 1.0\n"
            + $"Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: {encoding}\n\n{body}\n");

        Assert.That(Check(message).FindingsOf(Rule).Select(f => f.Evidence), Has.Some.Contains("\"kill myself\""));
    }

    [Test]
    public void Declared_charset_is_used()
    {
        var message = Raw($"From: {TestTrust.Teacher}\nTo: parent@example.net\nSubject: Hi\nMIME-Version: 1.0\n"
            + "Content-Type: text/plain; charset=koi8-r\nContent-Transfer-Encoding: base64\n\n"
            + Convert.ToBase64String(Encoding.GetEncoding("koi8-r", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback)
                .GetBytes("я хочу \u043Aill myself")) + "\n");

        Assert.That(Check(message).FindingsOf(Rule).Select(f => f.Evidence), Has.Some.Contains("\"kill myself\""));
    }

    [Test]
    public void Every_text_part_is_scanned_and_each_category_is_one_finding()
    {
        var message = Plain("");
        message.Body = new Multipart("mixed")
        {
            new TextPart("plain") { Text = "This is our little secret. Don't tell anyone." },
            new TextPart("html") { Text = "<p>I want to kill myself. I have been self-harming, self harm.</p>" },
            new TextPart("plain") { Text = "He said the rapist lives nearby", FileName = "notes.txt" },
        };

        var findings = Check(message).FindingsOf(Rule).Select(f => f.Evidence).ToList();

        Assert.That(findings, Has.Count.EqualTo(4));
        Assert.That(findings, Has.Some.StartsWith("self-harm (high): \"kill myself\"").And.Some.Contains("1 other match"));
        Assert.That(findings, Has.Some.StartsWith("grooming (high)"));
        Assert.That(findings, Has.Some.StartsWith("sexual-content (high)").And.Some.Contains("text part 3"));
        Assert.That(findings, Has.Some.StartsWith("weapons-violence (medium)"));
    }

    [Test]
    public void Attached_message_text_is_scanned()
    {
        var inner = Plain("I want to kill myself");
        var message = Plain("Forwarding this, please advise.");
        message.Body = new Multipart("mixed") { message.Body!, new MessagePart { Message = inner } };

        Assert.That(Check(message).FindingsOf(Rule).Select(f => f.Evidence), Has.Some.Contains("text part 2"));
    }

    [Test]
    public void Evidence_has_three_words_of_normalised_context_either_side()
    {
        var evidence = Check(Plain("one two three four five I want to KILL MYSELF tonight after school today ok")).FindingsOf(Rule).Single(f => f.Evidence.StartsWith("self-harm")).Evidence;

        Assert.That(evidence, Is.EqualTo("self-harm (high): \"kill myself\" in text part 1 (text/plain): \"… i want to kill myself tonight after school …\""));
    }

    [TestCase("kill myself", "\"kill myself\"", TestName = "Evidence_for_a_phrase_that_is_the_whole_text_has_no_ellipses")]
    [TestCase("kill myself now, then go", "\"kill myself now then go\"", TestName = "Evidence_at_the_start_of_the_text_has_no_leading_ellipsis")]
    [TestCase("so I might kill myself", "\"so i might kill myself\"", TestName = "Evidence_at_the_end_of_the_text_has_no_trailing_ellipsis")]
    [TestCase("a b c d kill myself e f g h", "\"… b c d kill myself e f g …\"", TestName = "Evidence_context_counts_one_letter_words")]
    public void Evidence_context_stops_at_the_ends_of_the_text(string body, string context)
    {
        var evidence = Check(Plain(body)).FindingsOf(Rule).Single(f => f.Evidence.StartsWith("self-harm")).Evidence;

        Assert.That(evidence, Is.EqualTo($"self-harm (high): \"kill myself\" in text part 1 (text/plain): {context}"));
    }

    [Test]
    public void Phrase_after_text_that_grows_when_normalised_is_found_with_its_context()
    {
        // "ß" folds to "ss": the normalised text outgrows the buffer first sized from the body.
        var body = string.Concat(Enumerable.Repeat("\u00DF\u00DF ", 10_000)) + "I want to kill myself now";

        var evidence = Check(Plain(body)).FindingsOf(Rule).Single(f => f.Evidence.StartsWith("self-harm")).Evidence;

        Assert.That(evidence, Does.EndWith(": \"… i want to kill myself now\""));
    }

    [Test]
    public void Scan_cap_bounds_a_huge_body_and_still_returns_a_verdict()
    {
        var huge = new StringBuilder(30 * 1024 * 1024 + 100);
        while (huge.Length < 30 * 1024 * 1024)
        {
            huge.Append("Please return the consent form by Friday. ");
        }
        huge.Append("I want to kill myself");

        var verdict = Check(Plain(huge.ToString()));

        Assert.That(verdict, Is.Not.Null);
        Assert.That(verdict.FindingsOf(Rule), Is.Empty, "text beyond SafetyScanMaxChars is not read");
    }

    [TestCase(100, false, TestName = "Phrase_beyond_a_small_cap_is_not_read")]
    [TestCase(1_000, true, TestName = "Phrase_within_the_cap_is_found")]
    public void Scan_cap_is_configurable(int cap, bool found)
    {
        var settings = TestTrust.Settings();
        settings.SafetyScanMaxChars = cap;
        var pipeline = PolicyPipeline.Create(settings, TestTrust.Directory, Lexicon);

        var verdict = pipeline.Evaluate(Plain(new string('x', 200) + " I want to kill myself"), TestTrust.Envelope());

        Assert.That(verdict.FindingsOf(Rule).Any(), Is.EqualTo(found));
    }

    [Test]
    public void Body_longer_than_its_stream_claims_is_still_read_to_the_end()
    {
        var bytes = Encoding.UTF8.GetBytes(new string('x', 20_000) + " I want to kill myself");
        var message = Plain("");
        message.Body = new TextPart("plain") { Content = new MimeContent(new UnderstatedLengthStream(bytes)) };

        Assert.That(Check(message).FindingsOf(Rule), Is.Not.Empty);
    }

    /// <summary>Reports a tiny Length, so the read buffer sized from it has to grow.</summary>
    private sealed class UnderstatedLengthStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public override long Length => 10;
    }

    [Test]
    public void Without_a_lexicon_the_rule_never_fires()
    {
        Assert.That(TestTrust.Pipeline().Evaluate(Plain("I want to kill myself"), TestTrust.Envelope()).FindingsOf(Rule), Is.Empty);
    }

    [Test]
    public void Configured_action_applies()
    {
        var settings = TestTrust.Settings();
        settings.Rules[Rule] = new EmailGuard.Policy.Configuration.RuleSettings { Action = "hold" };
        var verdict = PolicyPipeline.Create(settings, TestTrust.Directory, Lexicon).Evaluate(Plain("kill myself"), TestTrust.Envelope());

        Assert.That(verdict.Action, Is.EqualTo(RuleAction.Hold));
    }
}
