using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace EmailGuard.Gateway.Tests.Hosting;

/// <summary>The real executable, started on a port another process holds: one clear line and exit 1.</summary>
[TestFixture]
public sealed class PortInUseTests
{
    [TestCase("EmailGuard:Smtp:Endpoints:0", "EmailGuard:Admin:Endpoint", "Cannot listen for SMTP")]
    [TestCase("EmailGuard:Admin:Endpoint", "EmailGuard:Smtp:Endpoints:0", "Cannot listen for the admin endpoint")]
    public async Task A_taken_port_stops_start_up_with_one_line_naming_it_and_exit_1(string takenKey, string freeKey, string expected)
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var taken = ((IPEndPoint)holder.LocalEndpoint).Port;
        var data = Directory.CreateTempSubdirectory("emailguard-port-").FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                Path.Combine(TestContext.CurrentContext.TestDirectory, "emailguard.dll"), "run",
                "--config", RepoRoot.Combine("config"),
                $"--EmailGuard:DataDirectory={data}",
                $"--{takenKey}=127.0.0.1:{taken}",
                $"--{freeKey}=127.0.0.1:0",
            },
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(patience.Token);
        var output = await stdout + await stderr;

        Assert.That(process.ExitCode, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain(expected).And.Contain($"127.0.0.1:{taken}"));
        Assert.That(output, Does.Not.Contain("   at "), "no stack trace");
    }
}
