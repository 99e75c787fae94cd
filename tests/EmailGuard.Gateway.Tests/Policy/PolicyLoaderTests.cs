using System.Text;
using EmailGuard.Gateway.Policy;
using EmailGuard.Policy.Configuration;

namespace EmailGuard.Gateway.Tests.Policy;

public class PolicyLoaderTests
{
    private const string Staff = "first_name,last_name,email\nJane,Teacher,j.teacher@t.example\n";

    [Test]
    public void Directory_path_is_relative_to_the_config_directory()
    {
        using var dir = new TempConfig();
        dir.Write("emailguard.json", """{"EmailGuard":{"Policy":{"TrustDomains":["t.example"],"DirectoryPath":"people/current"}}}""");
        dir.Write("people/current/pupils.csv", "upn,first_name,last_name,preferred_name,email,personal_emails\nP1,Ann,Lee,,a@p.example,\n");
        dir.Write("people/current/staff.csv", Staff);
        dir.WriteLexicon();

        var pipeline = PolicyLoader.Load(dir.Path);

        Assert.That(pipeline.PupilCount, Is.EqualTo(1));
    }

    [Test]
    public void Utf8_csv_with_byte_order_mark_keeps_accented_names()
    {
        using var dir = new TempConfig();
        dir.Write("emailguard.json", """{"EmailGuard":{"Policy":{"TrustDomains":["t.example"]}}}""");
        var bom = Encoding.UTF8.GetPreamble();
        var csv = Encoding.UTF8.GetBytes("upn,first_name,last_name,preferred_name,email,personal_emails\nP1,Zoë,Smith,,z@p.example,\n");
        Directory.CreateDirectory(Path.Combine(dir.Path, "directory"));
        File.WriteAllBytes(Path.Combine(dir.Path, "directory", "pupils.csv"), [.. bom, .. csv]);
        dir.Write("directory/staff.csv", Staff);
        dir.WriteLexicon();
        var pipeline = PolicyLoader.Load(dir.Path);
        using var message = new MimeKit.MimeMessage();
        message.Subject = "Zoe Smith";

        var verdict = pipeline.Evaluate(message, new EmailGuard.Policy.Envelope("", ["x@example.net"]));

        Assert.That(verdict.Findings.Select(f => f.Rule), Does.Contain("subject-names-individual"));
    }

    [Test]
    public void Lexicon_path_is_configurable_and_relative_to_the_config_directory()
    {
        using var dir = new TempConfig();
        dir.Write("emailguard.json", """{"EmailGuard":{"Policy":{"TrustDomains":["t.example"],"SafetyLexiconPath":"dsl/words.csv"}}}""");
        dir.Write("directory/pupils.csv", "upn,first_name,last_name,preferred_name,email,personal_emails\n");
        dir.Write("directory/staff.csv", Staff);
        dir.Write("dsl/words.csv", "category,severity,phrase\nbullying,low,nobody likes you\n");
        var pipeline = PolicyLoader.Load(dir.Path);
        using var message = new MimeKit.MimeMessage();
        message.Subject = "N0body l1kes you";

        var verdict = pipeline.Evaluate(message, new EmailGuard.Policy.Envelope("", ["x@example.net"]));

        Assert.That(verdict.Findings.Single().Evidence, Does.StartWith("bullying (low)"));
        Assert.That(PolicyLoader.WatchedFiles(dir.Path, "directory", "dsl/words.csv"), Does.Contain(Path.Combine(dir.Path, "dsl", "words.csv")));
    }

    [Test]
    public void Disabled_safety_rule_needs_no_lexicon()
    {
        using var dir = new TempConfig();
        dir.Write("emailguard.json", """{"EmailGuard":{"Policy":{"TrustDomains":["t.example"],"Rules":{"Safety-Concern":{"Enabled":false}}}}}""");
        dir.Write("directory/pupils.csv", "upn,first_name,last_name,preferred_name,email,personal_emails\n");
        dir.Write("directory/staff.csv", Staff);

        Assert.That(PolicyLoader.Load(dir.Path).EnabledRuleCount, Is.EqualTo(EmailGuard.Policy.PolicyPipeline.RuleIds.Count - 1));
    }

    [Test]
    public void Occasional_monitoring_entries_bind_and_bad_ones_are_refused_by_index_and_key()
    {
        using var dir = new TempConfig();
        dir.Write("emailguard.json", """
            {"EmailGuard":{"Policy":{"TrustDomains":["t.example"],"OccasionalMonitoring":[
              {"Employee":"a@t.example","Start":"2026-11-02T08:00:00Z","End":"2026-12-01T17:00:00Z","PiaReference":"PIA-1","AuthorisedBy":"CEO","Reviewer":"hr@t.example"},
              {"Employee":"b@t.example","Start":"2026-11-02T08:00:00Z","AuthorisedBy":"CEO","Reviewer":"hr@t.example"}
            ]}}}
            """);
        dir.Write("directory/pupils.csv", "upn,first_name,last_name,preferred_name,email,personal_emails\n");
        dir.Write("directory/staff.csv", Staff);
        dir.WriteLexicon();

        var ex = Assert.Throws<PolicyConfigurationException>(() => PolicyLoader.Load(dir.Path));

        Assert.That(ex!.Errors, Has.Count.EqualTo(2));
        Assert.That(ex.Errors, Has.Some.StartsWith("OccasionalMonitoring:1:PiaReference: required"));
        Assert.That(ex.Errors, Has.Some.StartsWith("OccasionalMonitoring:1:End: required"));
    }

    [Test]
    public void Missing_directory_files_are_each_reported()
    {
        using var dir = new TempConfig();
        dir.Write("emailguard.json", """{"EmailGuard":{"Policy":{"TrustDomains":["t.example"]}}}""");

        var ex = Assert.Throws<PolicyConfigurationException>(() => PolicyLoader.Load(dir.Path));

        Assert.That(ex!.Errors, Is.EqualTo(new[]
        {
            "directory/pupils.csv: file not found",
            "directory/staff.csv: file not found",
            "lexicon/safety-lexicon.csv: file not found (the safety-concern rule needs it; set SafetyLexiconPath, or disable the rule)",
        }));
    }

    [Test]
    public void Malformed_json_is_reported_as_a_configuration_error()
    {
        using var dir = new TempConfig();
        dir.Write("emailguard.json", """{"EmailGuard": {"Policy": """);

        var ex = Assert.Throws<PolicyConfigurationException>(() => PolicyLoader.Load(dir.Path));

        Assert.That(ex!.Errors.Single(), Does.StartWith("emailguard.json:"));
    }
}
