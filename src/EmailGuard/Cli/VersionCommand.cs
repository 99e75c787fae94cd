using System.Reflection;

namespace EmailGuard.Cli;

internal static class VersionCommand
{
    public static int Run(TextWriter output)
    {
        var version = typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        output.WriteLine($"emailguard {version} (.NET {Environment.Version})");
        return 0;
    }
}
