using System.Globalization;
using EmailGuard.Gateway.Actions;
using EmailGuard.Gateway.Hosting;

namespace EmailGuard.Cli;

/// <summary><c>emailguard audit [--id ID]</c>: prints the quarantine audit log, oldest first.</summary>
internal static class AuditCommand
{
    private const string Usage = """
        Usage: emailguard audit [--id ID] [--config DIR]
          Every quarantine release, reject, purge and expiry: when (UTC), action, queue id, who, rules, reason.
          --id ID   only the entries for one message
        Exit status: 0 printed (even if empty), 2 usage or configuration error.
        """;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var cli = new CliArgs(args, "config", "id");
        if (cli.WantsHelp)
        {
            output.WriteLine(Usage);
            return 0;
        }
        if (cli.Positional.Count > 0)
        {
            throw new UsageException($"unexpected '{cli.Positional[0]}'");
        }
        var settings = ServiceData.Load(cli, args);
        var id = cli.Value("id")?.ToUpperInvariant();
        var count = 0;
        foreach (var e in new AuditLog(settings.Gateway.DataDirectory).Read().Where(e => id is null || e.Id == id))
        {
            var reason = e.Reason is null ? "" : $"  reason: {NoticeTemplates.Clean(e.Reason).Replace('\n', ' ')}";
            output.WriteLine($"{e.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)}  {e.Action,-7}  {e.Id}  by {e.By}  rules={string.Join(',', e.Rules)}{reason}");
            count++;
        }
        output.WriteLine($"{count} audit entr{(count == 1 ? "y" : "ies")}");
        return 0;
    }
}
