using EmailGuard.Gateway.Hosting;

namespace EmailGuard.Cli;

internal static class VersionCommand
{
    public static int Run(TextWriter output)
    {
        output.WriteLine($"emailguard {GatewayHost.Version} (.NET {Environment.Version})");
        return 0;
    }
}
