using EmailGuard.Gateway.Policy;
using EmailGuard.Policy.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EmailGuard.Gateway.Tests.Policy;

public class FilePolicySourceTests
{
    private const string Header = "upn,first_name,last_name,preferred_name,email,personal_emails\n";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private static readonly PolicyFileWatchOptions Fast = new()
    {
        Debounce = TimeSpan.FromMilliseconds(50),
        PollInterval = TimeSpan.FromMilliseconds(200),
    };

    private static TempConfig ValidConfig(int pupils)
    {
        var dir = new TempConfig();
        dir.Write("emailguard.json", """{"EmailGuard":{"Policy":{"TrustDomains":["t.example"],"PupilDomains":["p.t.example"]}}}""");
        dir.Write("directory/pupils.csv", Pupils(pupils));
        dir.Write("directory/staff.csv", "first_name,last_name,email\nJane,Teacher,j.teacher@t.example\n");
        dir.WriteLexicon();
        return dir;
    }

    private static string Pupils(int count) =>
        Header + string.Concat(Enumerable.Range(0, count).Select(i => $"P{i},Pupil{i},Secretname,,p{i}@p.t.example,\n"));

    /// <summary>Completes with the first reload attempt matching <paramref name="wanted"/>.</summary>
    private static Task<PolicyReloadEventArgs> NextReload(FilePolicySource source, Func<PolicyReloadEventArgs, bool> wanted)
    {
        var done = new TaskCompletionSource<PolicyReloadEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        source.ReloadAttempted += (_, e) =>
        {
            if (wanted(e))
            {
                done.TrySetResult(e);
            }
        };
        return done.Task.WaitAsync(Patience);
    }

    [Test]
    public async Task Changed_directory_file_is_picked_up_without_restart()
    {
        using var dir = ValidConfig(pupils: 2);
        using var source = new FilePolicySource(dir.Path, new ListLogger<FilePolicySource>(), options: Fast);
        Assert.That(source.Current.PupilCount, Is.EqualTo(2));
        var reloaded = NextReload(source, e => e.Succeeded && source.Current.PupilCount == 5);

        dir.Write("directory/pupils.csv", Pupils(5));

        await reloaded;
        Assert.That(source.Current.PupilCount, Is.EqualTo(5));
        Assert.That(source.LastReloadError, Is.Null);
    }

    [Test]
    public async Task A_command_line_policy_setting_outranks_the_file_and_survives_a_reload()
    {
        using var dir = ValidConfig(pupils: 1);
        var commandLine = EmailGuard.Gateway.Hosting.GatewayHost.CommandLine(["--EmailGuard:Policy:TrustDomains:1=cli.example"]);
        using var source = new FilePolicySource(dir.Path, new ListLogger<FilePolicySource>(), options: Fast, overrides: commandLine);
        Assert.That(source.Current.IsTrustAddress("a@cli.example"), Is.True);
        var reloaded = NextReload(source, e => e.Succeeded && source.Current.IsTrustAddress("a@new.example"));

        dir.Write("emailguard.json", """{"EmailGuard":{"Policy":{"TrustDomains":["t.example","x.example","new.example"]}}}""");

        await reloaded;
        Assert.That(source.Current.IsTrustAddress("a@cli.example"), Is.True, "element 1 still comes from the command line");
        Assert.That(source.Current.IsTrustAddress("a@x.example"), Is.False);
    }

    [Test]
    public async Task Changed_settings_file_is_picked_up_without_restart()
    {
        using var dir = ValidConfig(pupils: 1);
        using var source = new FilePolicySource(dir.Path, new ListLogger<FilePolicySource>(), options: Fast);
        Assert.That(source.Current.IsTrustAddress("a@new.example"), Is.False);
        var reloaded = NextReload(source, e => e.Succeeded && source.Current.IsTrustAddress("a@new.example"));

        dir.Write("emailguard.json", """{"EmailGuard":{"Policy":{"TrustDomains":["t.example","new.example"]}}}""");

        await reloaded;
        Assert.That(source.Current.IsTrustAddress("a@new.example"), Is.True);
    }

    [Test]
    public async Task Broken_csv_keeps_the_last_good_policy_and_reports_file_and_line()
    {
        using var dir = ValidConfig(pupils: 2);
        var logger = new ListLogger<FilePolicySource>();
        using var source = new FilePolicySource(dir.Path, logger, options: Fast);
        var good = source.Current;
        var refused = NextReload(source, e => !e.Succeeded);

        dir.Write("directory/pupils.csv", Pupils(1) + "P9,\"Unclosed,Secretname,,x@p.t.example,\nP10,Ann,Lee,,not-an-address,\n");

        var outcome = await refused;
        Assert.That(source.Current, Is.SameAs(good));
        Assert.That(outcome.Error, Does.Contain("directory/pupils.csv:3:"));
        Assert.That(source.LastReloadError, Is.EqualTo(outcome.Error));
        var problems = logger.Entries.Where(e => e.Id.Id == 2103).Select(e => e.Message).ToList();
        Assert.That(problems, Has.Some.Contains("directory/pupils.csv:3"));
        Assert.That(logger.Entries.Select(e => e.Message), Has.None.Contains("Secretname"));
    }

    private static EmailGuard.Policy.Verdict Check(FilePolicySource source, string body)
    {
        using var message = new MimeKit.MimeMessage();
        message.From.Add(MimeKit.MailboxAddress.Parse("j.teacher@t.example"));
        message.To.Add(MimeKit.MailboxAddress.Parse("parent@example.net"));
        message.Subject = "Hello";
        message.Body = new MimeKit.TextPart("plain") { Text = body };
        return source.Current.Evaluate(message, new EmailGuard.Policy.Envelope("j.teacher@t.example", ["parent@example.net"]));
    }

    [Test]
    public async Task Changed_lexicon_is_picked_up_without_restart()
    {
        using var dir = ValidConfig(pupils: 1);
        using var source = new FilePolicySource(dir.Path, new ListLogger<FilePolicySource>(), options: Fast);
        Assert.That(Check(source, "we found a knife in the bag").Findings, Is.Empty);
        var reloaded = NextReload(source, e => e.Succeeded);

        dir.WriteLexicon(TempConfig.MinimalLexicon + "weapons-violence,medium,knife\n");

        await reloaded;
        Assert.That(Check(source, "we found a knife in the bag").Findings.Single().Rule, Is.EqualTo("safety-concern"));
    }

    [Test]
    public async Task Broken_lexicon_keeps_the_last_good_policy_and_reports_file_and_line()
    {
        using var dir = ValidConfig(pupils: 1);
        var logger = new ListLogger<FilePolicySource>();
        using var source = new FilePolicySource(dir.Path, logger, options: Fast);
        var good = source.Current;
        var refused = NextReload(source, e => !e.Succeeded);

        dir.WriteLexicon("# reviewed by the DSL\ncategory,severity,phrase\nself-harm,high,kill myself\nabuse,catastrophic,secretphrase\n");

        var outcome = await refused;
        Assert.That(source.Current, Is.SameAs(good));
        Assert.That(outcome.Error, Is.EqualTo("lexicon/safety-lexicon.csv:4: severity 'catastrophic' is not low, medium or high"));
        Assert.That(Check(source, "I want to kill myself").Findings.Single().Rule, Is.EqualTo("safety-concern"));
        Assert.That(logger.Entries.Select(e => e.Message), Has.None.Contains("secretphrase"));
    }

    [Test]
    public async Task Fixing_a_broken_file_clears_the_reload_error()
    {
        using var dir = ValidConfig(pupils: 2);
        using var source = new FilePolicySource(dir.Path, new ListLogger<FilePolicySource>(), options: Fast);
        var refused = NextReload(source, e => !e.Succeeded);
        dir.Write("directory/staff.csv", "first_name,last_name,email\nJane,Teacher,nope\n");
        await refused;
        Assert.That(source.LastReloadError, Does.Contain("directory/staff.csv:2: email is not an address"));
        var recovered = NextReload(source, e => e.Succeeded);

        dir.Write("directory/staff.csv", "first_name,last_name,email\nJane,Teacher,j.teacher@t.example\nMark,Head,m.head@t.example\n");

        await recovered;
        Assert.That(source.LastReloadError, Is.Null);
        Assert.That(source.Current.StaffCount, Is.EqualTo(2));
    }

    [Test]
    public void Invalid_policy_at_start_up_throws_with_every_problem()
    {
        using var dir = ValidConfig(pupils: 1);
        dir.Write("emailguard.json", """{"EmailGuard":{"Policy":{"TrustDomains":["t.example"],"Rules":{"pupil-contact":{"Action":"nuke"}}}}}""");
        dir.Write("directory/staff.csv", "first_name,last_name,email\n,Teacher,j@t.example\n");

        var ex = Assert.Throws<PolicyConfigurationException>(() => new FilePolicySource(dir.Path, new ListLogger<FilePolicySource>()));

        Assert.That(ex!.Errors, Has.Count.EqualTo(2));
        Assert.That(ex.Errors, Has.Some.Contains("directory/staff.csv:2"));
    }

    [Test]
    public void Misspelt_setting_is_an_error_not_a_silent_default()
    {
        using var dir = ValidConfig(pupils: 1);
        dir.Write("emailguard.json", """{"EmailGuard":{"Policy":{"TrustDomains":["t.example"],"Rules":{"pupil-contact":{"Enable":false}}}}}""");

        var ex = Assert.Throws<PolicyConfigurationException>(() => PolicyLoader.Load(dir.Path));

        Assert.That(ex!.Errors.Single(), Does.Contain("Enable"));
    }

    [Test]
    public void Registration_provides_the_file_policy_source()
    {
        using var dir = ValidConfig(pupils: 3);
        var services = new ServiceCollection().AddLogging().AddEmailGuardPolicy(dir.Path);
        using var provider = services.BuildServiceProvider();

        var source = provider.GetRequiredService<IPolicySource>();

        Assert.That(source, Is.SameAs(provider.GetRequiredService<FilePolicySource>()));
        Assert.That(source.Current.PupilCount, Is.EqualTo(3));
    }
}
