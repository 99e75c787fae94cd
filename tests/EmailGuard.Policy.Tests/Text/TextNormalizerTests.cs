using EmailGuard.Policy.Text;

namespace EmailGuard.Policy.Tests.Text;

public class TextNormalizerTests
{
    [TestCase("Zoë", "zoe", TestName = "Accents_are_stripped")]
    [TestCase("  Re:  Fwd:\tHello,   World! ", "re fwd hello world", TestName = "Punctuation_becomes_single_spaces")]
    [TestCase("Zo\u200Be\u00AD\u2060", "zoe", TestName = "Invisible_characters_are_removed")]
    [TestCase("Ѕmіth", "smith", TestName = "Cyrillic_lookalikes_fold_to_latin")]
    [TestCase("ΑΒΕ", "abe", TestName = "Greek_lookalikes_fold_to_latin")]
    [TestCase("Ｓｍｉｔｈ 𝐒𝐦𝐢𝐭𝐡", "smith smith", TestName = "Compatibility_forms_fold_to_ascii")]
    [TestCase("O'Brien O’Brien", "obrien obrien", TestName = "Apostrophes_join_words")]
    [TestCase("Łukasz Søren Straße", "lukasz soren strasse", TestName = "Undecomposable_latin_letters_fold")]
    [TestCase("b1g 5h0t", "b1g 5h0t", TestName = "Digits_are_kept_without_leet_folding")]
    public void Normalize_folds_to_what_a_reader_sees(string input, string expected)
    {
        Assert.That(TextNormalizer.Normalize(input), Is.EqualTo(expected));
    }

    [TestCase("h3ll0 fr13nd", "hello friend")]
    [TestCase("$7up1d @55", "stupid ass")]
    [TestCase("4 7e5t", "a test")]
    public void Leet_folding_maps_digits_and_symbols_to_letters(string input, string expected)
    {
        Assert.That(TextNormalizer.Normalize(input, NormalizeOptions.FoldLeet), Is.EqualTo(expected));
    }

    [Test]
    public void Keep_punctuation_preserves_domain_dots()
    {
        Assert.That(TextNormalizer.Normalize("Gmаil.COM", NormalizeOptions.KeepPunctuation), Is.EqualTo("gmail.com"));
    }

    [Test]
    public void Keep_punctuation_folds_every_ascii_character_the_same_in_ascii_and_mixed_text()
    {
        for (var c = (char)0; c < 128; c++)
        {
            var mapped = char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c).ToString()
                : c is '\'' or '`' || (c < ' ' && c is not ('\t' or '\r' or '\n')) ? ""
                : c > ' ' && c < 0x7F ? c.ToString()
                : " ";
            var expected = $"a{mapped}b c".Replace("  ", " ");

            Assert.That(TextNormalizer.Normalize($"a{c}b c", NormalizeOptions.KeepPunctuation), Is.EqualTo(expected), $"ASCII U+{(int)c:X4}");
            Assert.That(TextNormalizer.Normalize($"a{c}b c\u00E9", NormalizeOptions.KeepPunctuation), Is.EqualTo(expected + "e"), $"mixed U+{(int)c:X4}");
        }
    }

    // Far longer than the buffer first sized from the input, so the result must survive it growing.
    [TestCase("\uFB03", "ffi", "", TestName = "Ligature_that_decomposes_to_more_characters_is_kept_whole")]
    [TestCase("\u00DF", "ss", "", TestName = "Sharp_s_that_folds_to_two_letters_is_kept_whole")]
    [TestCase("x\u00A0", "x", " ", TestName = "Words_between_non_ascii_spaces_stay_single_spaced")]
    public void Long_text_that_grows_when_folded_is_kept_whole(string input, string folded, string separator)
    {
        var text = string.Concat(Enumerable.Repeat(input, 5000));

        Assert.That(TextNormalizer.Normalize(text), Is.EqualTo(string.Join(separator, Enumerable.Repeat(folded, 5000))));
    }

    [TestCase("", TestName = "Pooled_empty_text")]
    [TestCase("  Re:  Fwd:\tHello,   World! ", TestName = "Pooled_ascii_text_with_leading_and_repeated_separators")]
    [TestCase("Zo\u00EB \u2013 k1ll \u041Aill\u00A0my$elf \uFB03x, \u00DF\u00DF end", TestName = "Pooled_mixed_text")]
    [TestCase("\u00E9 a", TestName = "Pooled_text_starting_with_a_non_ascii_token")]
    public void Pooled_normalisation_matches_and_records_every_space(string input)
    {
        foreach (var text in new[] { input, string.Concat(Enumerable.Repeat(input + " ", 3000)) })
        {
            using var pooled = TextNormalizer.NormalizePooled(text, NormalizeOptions.FoldLeet);

            var expected = TextNormalizer.Normalize(text, NormalizeOptions.FoldLeet);
            Assert.That(pooled.Text.ToString(), Is.EqualTo(expected));
            Assert.That(pooled.Spaces.ToArray(), Is.EqualTo(Enumerable.Range(0, expected.Length).Where(i => expected[i] == ' ')));
        }
    }

    // Letters and single spaces are lower-cased eight at a time; any other character, a double space, or a space
    // at the start or after a separator falls back to folding one by one. Random text hits every alignment.
    [Test]
    public void Words_fold_the_same_whichever_way_each_block_of_eight_is_folded()
    {
        var random = new Random(20261125);
        const string alphabet = "abcXYZ  .,'\r\n-5";
        for (var n = 0; n < 5000; n++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(40)).Select(_ => alphabet[random.Next(alphabet.Length)]));
            var expected = string.Join(' ', text.Replace("'", "").ToLowerInvariant()
                .Split(' ', '.', ',', '\r', '\n', '-').Where(token => token.Length > 0));

            using var pooled = TextNormalizer.NormalizePooled(text, NormalizeOptions.None);

            Assert.That(pooled.Text.ToString(), Is.EqualTo(expected), text);
            Assert.That(pooled.Spaces.ToArray(), Is.EqualTo(Enumerable.Range(0, expected.Length).Where(i => expected[i] == ' ')), text);
        }
    }

    [TestCase(NormalizeOptions.None)]
    [TestCase(NormalizeOptions.FoldLeet)]
    public void Every_ascii_character_folds_the_same_in_ascii_and_mixed_text(NormalizeOptions options)
    {
        const string leet = "3e1i0o4a5s7t@a$s";
        for (var c = (char)0; c < 128; c++)
        {
            var mapped = options == NormalizeOptions.FoldLeet && leet.IndexOf(c) is var at && at >= 0 && at % 2 == 0
                ? leet[at + 1].ToString()
                : char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c).ToString()
                : c is '\'' or '`' || (c < ' ' && c is not ('\t' or '\r' or '\n')) ? ""
                : " ";
            var expected = $"a{mapped}b c".Replace("  ", " ");

            Assert.That(TextNormalizer.Normalize($"a{c}b c", options), Is.EqualTo(expected), $"ASCII U+{(int)c:X4}");
            // A non-ASCII letter forces the mixed-text path; "é" folds to "e".
            Assert.That(TextNormalizer.Normalize($"a{c}b c\u00E9", options), Is.EqualTo(expected + "e"), $"mixed U+{(int)c:X4}");
        }
    }

    // Runs whose characters NFKD leaves alone skip ICU; those that decompose go through it. Either way the result
    // must be what the fully decomposed text gives. The pool mixes both kinds, marks and look-alikes included.
    [TestCase(NormalizeOptions.None)]
    [TestCase(NormalizeOptions.FoldLeet)]
    public void Text_normalises_as_its_nfkd_form_does_whichever_way_a_run_is_folded(NormalizeOptions options)
    {
        const string pool = "aZ 0'.-\u2018\u2019\u201C\u201D\u2013\u2014\u2026\u00A0\u00E9\u0301\u0308\u00EB\uFF21\u0430\u043E"
            + "\u00DF\u1E9E\u0130\u01C4\uFB01\u2460\u00BD\u200B\u00AD\u4E2D\u0645\u00C5\u212B\u0344\u0F73";
        var random = new Random(20261125);
        for (var n = 0; n < 2000; n++)
        {
            var text = new string(Enumerable.Range(0, random.Next(1, 24)).Select(_ => pool[random.Next(pool.Length)]).ToArray());

            Assert.That(TextNormalizer.Normalize(text, options),
                Is.EqualTo(TextNormalizer.Normalize(text.Normalize(System.Text.NormalizationForm.FormKD), options)),
                string.Concat(text.Select(c => $"\\u{(int)c:X4}")));
        }
    }

    [Test]
    public void Typographic_quotes_and_dashes_fold_as_their_ascii_counterparts()
    {
        Assert.That(TextNormalizer.Normalize("Zo\u00EB\u2019s trip \u2013 \u201Cnext week\u201D"), Is.EqualTo("zoes trip next week"));
    }
}
