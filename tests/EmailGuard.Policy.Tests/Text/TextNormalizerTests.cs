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
}
