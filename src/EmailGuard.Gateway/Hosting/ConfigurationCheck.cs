using System.Security.Cryptography;
using EmailGuard.Gateway.Policy;
using EmailGuard.Gateway.Receive;
using EmailGuard.Policy;
using EmailGuard.Policy.Configuration;

namespace EmailGuard.Gateway.Hosting;

/// <summary>
/// Everything start-up would refuse, found without starting: the gateway settings (every option class, unknown
/// keys), the STARTTLS certificate, and the policy with its directory CSVs. Nothing is bound or written.
/// </summary>
public static class ConfigurationCheck
{
    public sealed record Result(IReadOnlyList<string> Errors, PolicyPipeline? Policy)
    {
        public bool Ok => Errors.Count == 0;
    }

    /// <param name="args">Command-line overrides, as <c>emailguard run</c> takes them (<c>--EmailGuard:Smtp:MaxRecipients=100</c>).</param>
    public static Result Run(string configDirectory, string[] args)
    {
        var errors = new List<string>();
        try
        {
            var configuration = GatewayHost.LoadConfiguration(configDirectory, args);
            var settings = GatewaySettings.Load(configuration);
            if (settings.Smtp.Tls.Enabled)
            {
                CheckCertificate(settings, errors);
            }
        }
        catch (InvalidConfigurationException e)
        {
            errors.AddRange(e.Errors);
        }
        PolicyPipeline? policy = null;
        try
        {
            policy = PolicyLoader.Load(configDirectory, overrides: GatewayHost.CommandLine(args));
        }
        catch (PolicyConfigurationException e)
        {
            // A missing emailguard.json was reported above already.
            errors.AddRange(e.Errors.Where(x => !errors.Any(g => g.Contains(GatewayHost.ConfigFileName, StringComparison.Ordinal) && x.Contains("not found", StringComparison.Ordinal))));
        }
        return new Result(errors, policy);
    }

    private static void CheckCertificate(GatewaySettings settings, List<string> errors)
    {
        try
        {
            using var certificate = CertificateLoader.Load(settings.Smtp.Tls);
            if (!certificate.HasPrivateKey)
            {
                errors.Add("EmailGuard:Smtp:Tls: the certificate has no private key (set KeyPath, or use a PFX with the key).");
            }
        }
        catch (Exception e) when (e is CryptographicException or IOException or ArgumentException or UnauthorizedAccessException)
        {
            errors.Add($"EmailGuard:Smtp:Tls: the certificate cannot be loaded: {e.Message}");
        }
    }
}
