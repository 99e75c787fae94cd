using System.Text.Json;
using EmailGuard.Cli;

namespace EmailGuard.Gateway.Tests.Cli;

public class CheckCommandTests
{
    private static readonly string SampleConfig = RepoRoot.Combine("samples", "trust");

    // Samples are judged at one fixed instant, inside the sample trust's occasional monitoring window, so the
    // time-boxed rule's sample keeps its verdict after that window has passed in real time.
    private const string SampleTime = "2026-11-16T09:00:00Z";

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = CheckCommand.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    public static IEnumerable<TestCaseData> Samples() =>
        Directory.GetFiles(RepoRoot.Combine("samples", "messages"), "*.eml")
            .Order(StringComparer.Ordinal)
            .Select(path => new TestCaseData(path).SetName("Sample_" + Path.GetFileNameWithoutExtension(path) + "_gets_the_verdict_its_name_says"));

    [TestCaseSource(nameof(Samples))]
    public void Sample_message_gets_the_verdict_its_name_says(string path)
    {
        // "<action>-<rule id>.eml" must be acted on by that rule; "clean-*.eml" must be forwarded untouched.
        var name = Path.GetFileNameWithoutExtension(path);
        var dash = name.IndexOf('-', StringComparison.Ordinal);
        var (expectedAction, rule) = (name[..dash], name[(dash + 1)..]);

        var (exit, output, _) = Run(path, "--config", SampleConfig, "--json", "--at", SampleTime);

        Assert.That(exit, Is.Zero);
        using var json = JsonDocument.Parse(output);
        var findings = json.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => f.GetProperty("rule").GetString()).ToList();
        if (expectedAction == "clean")
        {
            Assert.That(json.RootElement.GetProperty("action").GetString(), Is.EqualTo("forward"));
            Assert.That(findings, Is.Empty);
        }
        else
        {
            Assert.That(json.RootElement.GetProperty("action").GetString(), Is.EqualTo(expectedAction));
            Assert.That(findings, Does.Contain(rule));
        }
    }

    [Test]
    public void There_is_a_triggering_sample_for_every_rule_and_clean_ones()
    {
        var names = Directory.GetFiles(RepoRoot.Combine("samples", "messages"), "*.eml").Select(Path.GetFileNameWithoutExtension).ToList();

        foreach (var rule in EmailGuard.Policy.PolicyPipeline.RuleIds)
        {
            Assert.That(names, Has.Some.EndsWith("-" + rule), rule);
        }
        Assert.That(names, Has.Some.StartsWith("clean-"));
    }

    [Test]
    public void Json_output_is_exactly_one_object_with_lower_case_actions()
    {
        var (_, output, _) = Run(RepoRoot.Combine("samples", "messages", "hold-pupil-contact.eml"), "--config", SampleConfig, "--json");

        using var json = JsonDocument.Parse(output); // throws if there is anything beyond one value
        var finding = json.RootElement.GetProperty("findings")[0];
        Assert.That(finding.GetProperty("action").GetString(), Is.EqualTo("hold"));
        Assert.That(finding.GetProperty("clause").GetString(), Is.EqualTo("4.4, 6.2, 6.8"));
        Assert.That(finding.GetProperty("observe").GetBoolean(), Is.False);
        Assert.That(finding.GetProperty("evidence").GetString(), Does.Contain("florence.scott3.home@gmail.com"));
    }

    [Test]
    public void Occasional_monitoring_copy_is_routed_to_the_reviewer_only_inside_its_window()
    {
        var sample = RepoRoot.Combine("samples", "messages", "monitor-occasional-monitoring.eml");

        var (_, inside, _) = Run(sample, "--config", SampleConfig, "--json", "--at", SampleTime);
        var (_, after, _) = Run(sample, "--config", SampleConfig, "--json", "--at", "2026-12-01T17:00:00Z");

        using var json = JsonDocument.Parse(inside);
        var finding = json.RootElement.GetProperty("findings").EnumerateArray().Single();
        Assert.That(finding.GetProperty("copyTo").EnumerateArray().Select(a => a.GetString()), Is.EqualTo(new[] { "hr.lead@oakfield-trust.example" }));
        Assert.That(finding.GetProperty("evidence").GetString(), Does.Contain("PIA-2026-014"));
        Assert.That(after, Does.Contain("\"action\":\"forward\""));
    }

    [Test]
    public void Envelope_options_replace_the_header_addresses()
    {
        var clean = RepoRoot.Combine("samples", "messages", "clean-staff-to-parent.eml");

        var (exit, output, _) = Run(clean, "--config", SampleConfig, "--mail-from", "<someone@gmail.com>",
            "--rcpt-to", "parent@example.net", "--rcpt-to", "other@gmial.com");

        Assert.That(exit, Is.Zero);
        Assert.That(output, Does.StartWith("Verdict: reject"));
        Assert.That(output, Does.Contain("unapproved-account").And.Contain("misaddressed-recipient").And.Contain("gmail.com"));
    }

    [Test]
    public void Null_sender_is_exempt_from_the_account_rule()
    {
        var sample = RepoRoot.Combine("samples", "messages", "reject-unapproved-account.eml");

        var (_, withSender, _) = Run(sample, "--config", SampleConfig);
        var (_, nullSender, _) = Run(sample, "--config", SampleConfig, "--mail-from", "<>");

        Assert.That(withSender, Does.Contain("Envelope sender"));
        Assert.That(nullSender, Does.Not.Contain("Envelope sender"));
    }

    [TestCase(TestName = "No_arguments_is_a_usage_error")]
    [TestCase("a.eml", "b.eml", TestName = "Two_files_is_a_usage_error")]
    [TestCase("a.eml", "--frobnicate", TestName = "Unknown_option_is_a_usage_error")]
    [TestCase("a.eml", "--rcpt-to", TestName = "Option_without_value_is_a_usage_error")]
    [TestCase("a.eml", "--at", "2026-11-16 09:00", TestName = "Time_without_offset_is_a_usage_error")]
    public void Bad_usage_exits_2_with_message_on_stderr(params string[] args)
    {
        var (exit, output, error) = Run(args);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain("emailguard check:").And.Contain("Usage:"));
        Assert.That(output, Is.Empty);
    }

    [Test]
    public void Help_prints_usage_and_exits_0()
    {
        var (exit, output, _) = Run("--help");

        Assert.That(exit, Is.Zero);
        Assert.That(output, Does.Contain("--mail-from"));
    }

    [Test]
    public void Missing_config_exits_2()
    {
        var (exit, _, error) = Run(RepoRoot.Combine("samples", "messages", "clean-staff-to-parent.eml"), "--config", Path.GetTempPath() + Guid.NewGuid());

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain("emailguard.json: file not found"));
    }

    [Test]
    public void Invalid_config_exits_2_listing_every_problem()
    {
        using var dir = new TempConfig();
        dir.Write("emailguard.json", """{"EmailGuard":{"Policy":{"TrustDomains":["t.example"],"Rules":{"nope":{},"pupil-contact":{"Action":"block"}}}}}""");
        dir.Write("directory/pupils.csv", "upn,first_name,last_name,preferred_name,email,personal_emails\nP1,Ann,Lee,,bad,\n");
        dir.Write("directory/staff.csv", "first_name,last_name,email\n");

        var (exit, _, error) = Run(RepoRoot.Combine("samples", "messages", "clean-staff-to-parent.eml"), "--config", dir.Path);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain("Rules:nope").And.Contain("'block'").And.Contain("directory/pupils.csv:2: email is not an address"));
    }

    [Test]
    public void Missing_message_file_exits_2()
    {
        var (exit, _, error) = Run("no-such-file.eml", "--config", SampleConfig);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain("cannot read"));
    }

    [Test]
    public void Shipped_default_config_loads()
    {
        var (exit, output, error) = Run(RepoRoot.Combine("samples", "messages", "clean-staff-to-parent.eml"), "--config", RepoRoot.Combine("config"), "--json");

        Assert.That(error, Is.Empty);
        Assert.That(exit, Is.Zero);
        Assert.That(output, Does.Contain("\"action\""));
    }
}
