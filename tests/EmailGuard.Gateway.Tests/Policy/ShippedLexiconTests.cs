using EmailGuard.Gateway.Policy;
using EmailGuard.Policy;
using EmailGuard.Policy.Safety;
using MimeKit;

namespace EmailGuard.Gateway.Tests.Policy;

/// <summary>The starter lexicon in config/ parses, matches what it should and not its known false positives.</summary>
public class ShippedLexiconTests
{
    private static readonly PolicyPipeline Pipeline = PolicyLoader.Load(RepoRoot.Combine("config"));

    private static IEnumerable<string> SafetyFindings(string body)
    {
        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse("office@oakfield-trust.example"));
        message.To.Add(MailboxAddress.Parse("parent@example.net"));
        message.Subject = "Update";
        message.Body = new TextPart("plain") { Text = body };
        return Pipeline.Evaluate(message, new Envelope("office@oakfield-trust.example", ["parent@example.net"]))
            .Findings.Where(f => f.Rule == "safety-concern").Select(f => f.Evidence).ToList();
    }

    [TestCase("config")]
    [TestCase("samples", "trust")]
    public void Shipped_lexicon_parses_without_errors(params string[] configDir)
    {
        var result = SafetyLexiconCsv.Parse(File.ReadAllText(Path.Combine(RepoRoot.Combine(configDir), "lexicon", "safety-lexicon.csv")));

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Lexicon.Phrases.Select(p => p.Category).Distinct(), Is.EquivalentTo(new[]
        {
            "self-harm", "abuse", "grooming", "radicalisation", "bullying", "sexual-content", "substance-misuse", "weapons-violence",
        }));
    }

    [TestCase("She has real skill with a paintbrush.", TestName = "Shipped_lexicon_skill_is_not_kill")]
    [TestCase("The school therapist is in on Tuesdays.", TestName = "Shipped_lexicon_therapist_is_not_rapist")]
    [TestCase("This will kill two birds with one stone.", TestName = "Shipped_lexicon_ignores_kill_two_birds")]
    [TestCase("Year 10 will shoot a video for the open evening.", TestName = "Shipped_lexicon_ignores_shoot_a_video")]
    [TestCase("Her father is on a drug trial at the hospital.", TestName = "Shipped_lexicon_ignores_drug_trial")]
    [TestCase("Please bring a knife and fork for food technology.", TestName = "Shipped_lexicon_ignores_knife_and_fork")]
    [TestCase("Consent forms for the geography trip are due on Friday.", TestName = "Shipped_lexicon_passes_ordinary_mail")]
    public void Known_false_positives_are_not_flagged(string body)
    {
        Assert.That(SafetyFindings(body), Is.Empty);
    }

    [TestCase("He said he wants to k1ll hims3lf... no: he said I w4nt t0 d1e", "self-harm (high)", TestName = "Shipped_lexicon_catches_disguised_self_harm")]
    [TestCase("It is our little secret", "grooming (high)", TestName = "Shipped_lexicon_catches_grooming")]
    [TestCase("He's been asked to carry a knife", "weapons-violence (high)", TestName = "Shipped_lexicon_catches_weapons")]
    public void Concerning_phrases_are_flagged(string body, string expected)
    {
        Assert.That(SafetyFindings(body), Has.Some.StartsWith(expected));
    }
}
