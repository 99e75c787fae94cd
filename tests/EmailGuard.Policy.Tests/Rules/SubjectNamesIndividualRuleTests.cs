namespace EmailGuard.Policy.Tests.Rules;

public class SubjectNamesIndividualRuleTests
{
    private const string Rule = "subject-names-individual";
    private static readonly PolicyPipeline Pipeline = TestTrust.Pipeline();

    [TestCase("Zoë Smith behaviour", TestName = "Subject_with_plain_pupil_name_is_rejected")]
    [TestCase("Zoe Smith behaviour", TestName = "Subject_with_name_without_accents_is_rejected")]
    [TestCase("ZOE SMITH", TestName = "Subject_with_upper_case_name_is_rejected")]
    [TestCase("=?UTF-8?Q?Zo=C3=AB_Smith?=", TestName = "Subject_with_Q_encoded_pupil_name_is_rejected")]
    [TestCase("=?UTF-8?B?Wm/DqyBTbWl0aA==?=", TestName = "Subject_with_B_encoded_pupil_name_is_rejected")]
    [TestCase("=?UTF-8?Q?Zo?= =?UTF-8?Q?=C3=AB_Sm?= =?UTF-8?Q?ith?=", TestName = "Subject_with_name_split_across_encoded_words_is_rejected")]
    [TestCase("=?UTF-8?Q?Zo=C3?= =?UTF-8?Q?=AB_Smith?=", TestName = "Subject_with_character_split_across_encoded_words_is_rejected")]
    [TestCase("=?ISO-8859-1?Q?Zo=EB_Smith?=", TestName = "Subject_encoded_in_latin1_is_rejected")]
    [TestCase("=?windows-1251?B?Wu7lIFNts3Ro?=", TestName = "Subject_with_cyrillic_lookalikes_in_windows1251_is_rejected")]
    [TestCase("=?KOI8-R?Q?Z=CF=C5_Smith?=", TestName = "Subject_with_cyrillic_lookalikes_in_koi8r_is_rejected")]
    [TestCase("=?ISO-8859-7?Q?=C6=EFe_Smith?=", TestName = "Subject_with_greek_lookalikes_is_rejected")]
    [TestCase("Zое Smіth", TestName = "Subject_with_raw_cyrillic_lookalikes_is_rejected")]
    [TestCase("Zo\u200Be Sm\u00ADith", TestName = "Subject_with_zero_width_and_soft_hyphen_is_rejected")]
    [TestCase("Zo\u2060e \uFEFFSmith", TestName = "Subject_with_word_joiner_and_bom_is_rejected")]
    [TestCase("Ｚｏｅ Ｓｍｉｔｈ", TestName = "Subject_with_fullwidth_letters_is_rejected")]
    [TestCase("Zoe     Smith", TestName = "Subject_with_extra_spaces_is_rejected")]
    [TestCase("Zoe.Smith!", TestName = "Subject_with_punctuation_between_names_is_rejected")]
    [TestCase("Smith, Zoe", TestName = "Subject_with_last_comma_first_is_rejected")]
    [TestCase("Report: Z. Smith", TestName = "Subject_with_initial_dot_and_surname_is_rejected")]
    [TestCase("Report: J Smith", TestName = "Subject_with_initial_and_surname_is_rejected")]
    [TestCase("Jack Smith detention", TestName = "Subject_with_preferred_name_is_rejected")]
    [TestCase("Re: Fwd: RE: Zoe Smith", TestName = "Subject_with_reply_prefixes_is_rejected")]
    [TestCase("Report for Zoe\r\n Smith", TestName = "Subject_folded_between_names_is_rejected")]
    [TestCase("Mary Ann OBrien", TestName = "Subject_with_multiword_given_name_is_rejected")]
    [TestCase("Mary O\u2019Brien", TestName = "Subject_with_first_given_word_and_typographic_apostrophe_is_rejected")]
    [TestCase("Siobhan Nowak-Price", TestName = "Subject_with_hyphenated_surname_is_rejected")]
    [TestCase("Ann  Lee", TestName = "Subject_with_short_name_as_whole_words_is_rejected")]
    public void Subject_naming_a_pupil_is_rejected(string rawSubject)
    {
        var verdict = Pipeline.Evaluate(TestTrust.WithSubject(rawSubject), TestTrust.Envelope());

        Assert.That(verdict.FindingsOf(Rule), Is.Not.Empty);
        Assert.That(verdict.Action, Is.EqualTo(RuleAction.Reject));
    }

    [TestCase("Zoe", TestName = "Subject_with_first_name_alone_passes")]
    [TestCase("Smith family visit", TestName = "Subject_with_surname_alone_passes")]
    [TestCase("Joanne Leeds visit", TestName = "Subject_with_name_inside_longer_words_passes")]
    [TestCase("Annlee", TestName = "Subject_with_names_run_together_passes")]
    [TestCase("Mary Ann", TestName = "Subject_with_given_names_alone_passes")]
    [TestCase("Smith and Jones report", TestName = "Subject_with_two_surnames_passes")]
    [TestCase("Year 7 trip to Norwich", TestName = "Subject_without_names_passes")]
    [TestCase("", TestName = "Empty_subject_passes")]
    public void Subject_not_naming_a_pupil_passes(string rawSubject)
    {
        var verdict = Pipeline.Evaluate(TestTrust.WithSubject(rawSubject), TestTrust.Envelope());

        Assert.That(verdict.FindingsOf(Rule), Is.Empty);
    }

    [Test]
    public void Second_subject_header_naming_a_pupil_is_rejected()
    {
        var message = TestTrust.Parse(
            $"From: {TestTrust.Teacher}", "To: parent@example.net", "Subject: Trip letter", "Subject: Zoe Smith");

        var verdict = Pipeline.Evaluate(message, TestTrust.Envelope());

        var finding = verdict.FindingsOf(Rule).Single();
        Assert.That(finding.Evidence, Does.Contain("Subject header 2").And.Contain("P001"));
    }

    [Test]
    public void Evidence_says_what_matched_and_where()
    {
        var verdict = Pipeline.Evaluate(TestTrust.WithSubject("Re: Smith, Zoe"), TestTrust.Envelope());

        var finding = verdict.FindingsOf(Rule).Single();
        Assert.That(finding.Evidence, Does.Contain("\"smith zoe\"").And.Contain("word 2"));
        Assert.That(finding.Clause, Is.EqualTo("4.3"));
    }

    [Test]
    public void Initial_shared_by_first_and_preferred_name_counts_the_pupil_once()
    {
        // "J Smith" is John Smith by his first name and by his preferred name Jack: still one pupil.
        var verdict = Pipeline.Evaluate(TestTrust.WithSubject("J Smith"), TestTrust.Envelope());

        var finding = verdict.FindingsOf(Rule).Single();
        Assert.That(finding.Evidence, Does.Contain("\"j smith\"").And.Contain("P002").And.Not.Contain("other pupil"));
    }

    [Test]
    public void Two_pupils_with_the_same_name_are_both_counted()
    {
        var directory = TestTrust.Directory with
        {
            Pupils = [.. TestTrust.Directory.Pupils, new People.Pupil("P099", "Ann", "Lee", "", "ann.lee2@" + TestTrust.PupilDomain, [])],
        };
        var pipeline = PolicyPipeline.Create(TestTrust.Settings(), directory);

        var verdict = pipeline.Evaluate(TestTrust.WithSubject("Ann Lee"), TestTrust.Envelope());

        Assert.That(verdict.FindingsOf(Rule).Single().Evidence, Does.Contain("and 1 other pupil(s) of that name"));
    }
}
