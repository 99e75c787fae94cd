using EmailGuard.Cli;
using EmailGuard.Gateway.Hosting;

// emailguard [VERB] ...: no verb (or `run`) starts the gateway; the others are admin tools on the same config.
var verb = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "run";
var rest = args.Length > 0 && !args[0].StartsWith('-') ? args[1..] : args;
try
{
    return verb switch
    {
        "run" => await RunCommand.RunAsync(rest),
        "check" => CheckCommand.Run(rest, Console.Out, Console.Error),
        "check-config" => CheckConfigCommand.Run(rest, Console.Out, Console.Error),
        "queue" => QueueCommand.Run(rest, Console.Out, Console.Error),
        "quarantine" => await QuarantineCommand.RunAsync(rest, Console.Out, Console.Error, CancellationToken.None),
        "audit" => AuditCommand.Run(rest, Console.Out, Console.Error),
        "hash-password" => HashPasswordCommand.Run(rest, Console.In, Console.Out),
        "version" => VersionCommand.Run(Console.Out),
        "help" or "--help" or "-h" => Help.Print(Console.Out, 0),
        _ => Help.Print(Console.Error, 2, $"unknown verb '{verb}'"),
    };
}
catch (UsageException e)
{
    Console.Error.WriteLine($"emailguard {verb}: {e.Message} (see emailguard {verb} --help)");
    return 2;
}
catch (Exception e) when (e is InvalidConfigurationException or EmailGuard.Policy.Configuration.PolicyConfigurationException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
