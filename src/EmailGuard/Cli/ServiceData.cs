using EmailGuard.Gateway.Hosting;

namespace EmailGuard.Cli;

/// <summary>
/// The running service's settings and data directory, for the admin verbs. They act on the spool the service
/// made and never create one: a relative <c>DataDirectory</c> resolved from the wrong working directory would
/// otherwise show an empty quarantine while mail is held elsewhere.
/// </summary>
internal static class ServiceData
{
    public static GatewaySettings Load(CliArgs cli, string[] args)
    {
        var settings = GatewaySettings.Load(GatewayHost.LoadConfiguration(cli.ConfigDirectory, CliArgs.ConfigOverrides(args)));
        var spool = Path.GetFullPath(Path.Combine(settings.Gateway.DataDirectory, "spool"));
        if (!Directory.Exists(spool))
        {
            throw new InvalidConfigurationException([
                $"no spool at {spool}: EmailGuard:DataDirectory resolves there from {Directory.GetCurrentDirectory()}. "
                + "Run this from the service's working directory, set DataDirectory to an absolute path, "
                + "or pass --EmailGuard:DataDirectory=DIR.",
            ]);
        }
        return settings;
    }
}
