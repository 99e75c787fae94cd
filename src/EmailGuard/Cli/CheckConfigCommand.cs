using EmailGuard.Gateway.Hosting;

namespace EmailGuard.Cli;

/// <summary>
/// <c>emailguard check-config [--config DIR]</c>: validates the gateway settings and the policy (with the directory
/// CSVs) the way start-up does, without starting. Prints every problem; exit 0 valid, 2 invalid or usage error.
/// </summary>
public static class CheckConfigCommand
{
    public const string Usage = """
        Usage: emailguard check-config [--config DIR] [--EmailGuard:Section:Key=value ...]

        Validates DIR/emailguard.json (default DIR: config) with environment and command-line overrides, the
        STARTTLS certificate, and the policy with its directory CSVs, without starting the gateway.
        Prints every problem found. Exit status: 0 valid, 2 invalid or usage error.
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var cli = new CliArgs(args, "config");
        if (cli.WantsHelp)
        {
            stdout.WriteLine(Usage);
            return 0;
        }
        var overrides = args.Where(a => a.StartsWith("--EmailGuard:", StringComparison.OrdinalIgnoreCase) || a.StartsWith("--Logging:", StringComparison.OrdinalIgnoreCase)).ToArray();
        var unexpected = cli.Positional
            .Concat(args.Where(a => a.StartsWith('-') && !overrides.Contains(a) && a is not ("--config" or "--help" or "-h") && !a.StartsWith("--config=", StringComparison.Ordinal)))
            .ToList();
        if (unexpected.Count > 0)
        {
            stderr.WriteLine($"emailguard check-config: unexpected argument '{unexpected[0]}' (overrides take the form --EmailGuard:Section:Key=value)");
            stderr.WriteLine(Usage);
            return 2;
        }
        var result = ConfigurationCheck.Run(cli.ConfigDirectory, overrides);
        if (!result.Ok)
        {
            stderr.WriteLine($"{Path.GetFullPath(cli.ConfigDirectory)}: {result.Errors.Count} problem(s):");
            foreach (var error in result.Errors)
            {
                stderr.WriteLine("  - " + error);
            }
            return 2;
        }
        var p = result.Policy!;
        stdout.WriteLine($"{Path.GetFullPath(cli.ConfigDirectory)}: configuration OK ({p.PupilCount} pupils, {p.StaffCount} staff, {p.EnabledRuleCount} rules enabled)");
        return 0;
    }
}
