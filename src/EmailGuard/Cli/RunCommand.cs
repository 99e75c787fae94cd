using EmailGuard.Gateway.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EmailGuard.Cli;

internal static class RunCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var cli = new CliArgs(args, "config");
        if (cli.WantsHelp)
        {
            Console.WriteLine("""
                Usage: emailguard [run] [--config DIR] [--EmailGuard:Section:Key=value ...]
                Runs the gateway on DIR/emailguard.json (default DIR: ./config). Stops cleanly on Ctrl+C / SIGTERM.
                """);
            return 0;
        }
        using var host = GatewayHost.Build(cli.ConfigDirectory, CliArgs.ConfigOverrides(args));
        // Load the policy before the host starts, so a broken policy or directory is reported as a clean list of
        // problems (exit 2) rather than a host start-up stack trace.
        _ = host.Services.GetRequiredService<EmailGuard.Gateway.Policy.IPolicySource>();
        try
        {
            await host.RunAsync();
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"emailguard: {e.Message}");
            return 1;
        }
        return Environment.ExitCode;
    }
}
