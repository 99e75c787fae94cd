using EmailGuard.Cli;

namespace EmailGuard.Gateway.Tests.Cli;

public class CheckConfigCommandTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = CheckConfigCommand.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static TempConfig CopyOfSampleTrust()
    {
        var config = new TempConfig();
        var source = RepoRoot.Combine("samples", "trust");
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            config.Write(Path.GetRelativePath(source, file), File.ReadAllText(file));
        }
        return config;
    }

    [Test]
    public void Sample_trust_config_is_valid_exit_0()
    {
        var (exit, output, error) = Run("--config", RepoRoot.Combine("samples", "trust"));

        Assert.That(exit, Is.Zero, error);
        Assert.That(output, Does.Contain("configuration OK"));
    }

    [Test]
    public void Shipped_default_config_is_valid_exit_0()
    {
        var (exit, _, error) = Run("--config", RepoRoot.Combine("config"));

        Assert.That(exit, Is.Zero, error);
    }

    [Test]
    public void Gateway_and_policy_problems_are_all_reported_at_once_exit_2()
    {
        using var config = CopyOfSampleTrust();
        var json = File.ReadAllText(Path.Combine(config.Path, "emailguard.json"));
        config.Write("emailguard.json", json.Replace("\"EmailGuard\": {", "\"EmailGuard\": { \"Admin\": { \"Endpoint\": \"nowhere\", \"Enabeld\": true },", StringComparison.Ordinal));
        File.AppendAllText(Path.Combine(config.Path, "directory", "pupils.csv"), "B999,Too,Few\n");

        var (exit, output, error) = Run("--config", config.Path, "--EmailGuard:Delivery:Workers=0");

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(output, Is.Empty);
        Assert.That(error, Does.Contain("EmailGuard:Admin:Endpoint 'nowhere'"));
        Assert.That(error, Does.Contain("EmailGuard:Admin:Enabeld: unknown key"));
        Assert.That(error, Does.Contain("Workers must be between 1 and 256"));
        Assert.That(error, Does.Contain("directory/pupils.csv:"));
        Assert.That(error, Does.Not.Contain("B999"), "problems name the file and line, not the values");
    }

    [Test]
    public void A_policy_value_on_the_command_line_is_checked_like_one_in_the_file()
    {
        var (exit, _, error) = Run("--config", RepoRoot.Combine("samples", "trust"), "--EmailGuard:Policy:Rules:pupil-contact:Action=bogus");

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain("pupil-contact").And.Contain("bogus"));
    }

    [Test]
    public void A_certificate_that_cannot_be_loaded_is_reported()
    {
        using var config = CopyOfSampleTrust();
        config.Write("cert.pem", "-----BEGIN CERTIFICATE-----\nnot a certificate\n-----END CERTIFICATE-----\n");

        var (exit, _, error) = Run("--config", config.Path, $"--EmailGuard:Smtp:Tls:CertificatePath={Path.Combine(config.Path, "cert.pem")}");

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain("EmailGuard:Smtp:Tls: the certificate cannot be loaded"));
    }

    [Test]
    public void Missing_config_directory_is_exit_2_with_one_message()
    {
        var (exit, _, error) = Run("--config", Path.Combine(Path.GetTempPath(), "emailguard-no-such-dir-" + Guid.NewGuid().ToString("N")));

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain("configuration file not found"));
        Assert.That(error.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(2));
    }

    [Test]
    public void Unexpected_argument_is_a_usage_error()
    {
        var (exit, _, error) = Run("--config", "config", "extra");

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain("unexpected argument 'extra'"));
    }
}
