using System.Globalization;
using EmailGuard.Gateway.Actions;
using EmailGuard.Gateway.Hosting;
using EmailGuard.Gateway.Policy;
using EmailGuard.Gateway.Queue;
using EmailGuard.Gateway.Spool;
using Microsoft.Extensions.Logging.Abstractions;

namespace EmailGuard.Cli;

/// <summary>
/// <c>emailguard quarantine list | show ID | release ID | reject ID --reason TEXT | purge</c> on the held messages of
/// the configured data directory. Works beside the running service: release renames into the queue and kicks it.
/// </summary>
internal static class QuarantineCommand
{
    private const string Usage = """
        Usage: emailguard quarantine VERB [options] [--config DIR] [--by NAME]
          list [filters]            Held messages, oldest first: id, age, size, rules, sender.
          show ID                   One held message: envelope, subject, each finding with its evidence.
          release ID                Deliver it as originally addressed (once: a second release finds it gone).
          reject ID --reason TEXT   Delete it and tell the sender (Trust senders only) why.
          purge --all | [filters]   Delete held messages for good, without notices (--reason TEXT is audited).
        Filters: --rule ID  --sender ADDR  --older-than DURATION (30d, 12h, 45m)
        --by NAME records who acted in the audit log (default: the OS user). See: emailguard audit.
        Exit status: 0 done, 1 no such held message (or nothing matched), 2 usage or configuration error.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var cli = new CliArgs(args, "config", "by", "reason", "rule", "sender", "older-than");
        if (cli.WantsHelp || cli.Positional.Count == 0)
        {
            (cli.WantsHelp ? output : error).WriteLine(Usage);
            return cli.WantsHelp ? 0 : 2;
        }
        var verb = cli.Positional[0];
        var by = cli.Value("by") is { Length: > 0 } name ? name : Environment.UserName;
        switch (verb)
        {
            case "list":
                return List(Open(cli, args), Filter(cli), output);
            case "purge":
                var filter = Filter(cli);
                if (filter.IsEmpty && !cli.Has("all"))
                {
                    throw new UsageException("purge needs --all or a filter (--rule, --sender, --older-than)");
                }
                var purged = await Open(cli, args).PurgeAsync(filter, by, cli.Value("reason"), cancellationToken);
                output.WriteLine($"{purged.Count} held message(s) purged");
                return purged.Count > 0 ? 0 : 1;
            case "show" or "release" or "reject":
                break;
            default:
                throw new UsageException($"unknown quarantine verb '{verb}'");
        }
        if (cli.Positional.Count != 2)
        {
            throw new UsageException($"quarantine {verb} needs exactly one queue id");
        }
        var id = cli.Positional[1].ToUpperInvariant();
        if (!QueueId.IsValid(id))
        {
            throw new UsageException($"'{cli.Positional[1]}' is not a queue id");
        }
        var reason = cli.Value("reason");
        if (verb == "reject" && string.IsNullOrWhiteSpace(reason))
        {
            throw new UsageException("reject needs --reason TEXT (it is sent to the sender and audited)");
        }
        var (quarantine, spool) = OpenWithSpool(cli, args);
        var done = verb switch
        {
            "show" => Show(spool, id, output),
            "release" => await quarantine.ReleaseAsync(id, by, kick => spool.RequestRetry(kick), cancellationToken),
            _ => await quarantine.RejectAsync(id, reason!, by, cancellationToken),
        };
        if (!done)
        {
            error.WriteLine($"no held message {id} (released, rejected, purged or expired already?)");
            return 1;
        }
        if (verb != "show")
        {
            output.WriteLine($"{id}: {(verb == "release" ? "released for delivery" : "rejected; the sender is told if in the Trust")}");
        }
        return 0;
    }

    private static QuarantineFilter Filter(CliArgs cli)
    {
        TimeSpan? olderThan = null;
        if (cli.Value("older-than") is { } text)
        {
            olderThan = QuarantineFilter.TryParseDuration(text, out var d) ? d : throw new UsageException($"--older-than '{text}' is not a duration like 2d, 12h or 45m");
        }
        return new QuarantineFilter(cli.Value("rule"), cli.Value("sender"), olderThan);
    }

    private static Quarantine Open(CliArgs cli, string[] args) => OpenWithSpool(cli, args).Quarantine;

    private static (Quarantine Quarantine, MessageSpool Spool) OpenWithSpool(CliArgs cli, string[] args)
    {
        var settings = ServiceData.Load(cli, args);
        var spool = new MessageSpool(settings.Gateway.DataDirectory);
        var policy = new Lazy<EmailGuard.Policy.PolicyPipeline>(() => PolicyLoader.Load(cli.ConfigDirectory, overrides: GatewayHost.CommandLine(CliArgs.ConfigOverrides(args))));
        var notices = new Notices(
            NoticeQueue.ForCli(spool),
            () => policy.Value,
            settings.Delivery.Postmaster(settings.Gateway),
            new TemplateDirectory(Path.Combine(cli.ConfigDirectory, settings.Quarantine.TemplateDirectory)),
            settings.Quarantine,
            TimeProvider.System,
            NullLogger.Instance);
        return (new Quarantine(spool, notices, new AuditLog(settings.Gateway.DataDirectory), NullLogger.Instance), spool);
    }

    private static int List(Quarantine quarantine, QuarantineFilter filter, TextWriter output)
    {
        var now = TimeProvider.System.GetUtcNow();
        var held = quarantine.List(filter);
        output.WriteLine($"{"ID",-19}  {"AGE",8}  {"SIZE",9}  {"RULES",-30}  SENDER");
        foreach (var h in held)
        {
            var rules = string.Join(',', h.Envelope.Findings.Where(f => !f.Observe).Select(f => f.Rule).Distinct());
            output.WriteLine($"{h.Envelope.Id,-19}  {Age(now - h.Envelope.ReceivedAt),8}  {h.Size,9}  {rules,-30}  <{h.Envelope.MailFrom}>");
        }
        output.WriteLine($"{held.Count} message(s) held");
        return 0;
    }

    private static bool Show(MessageSpool spool, string id, TextWriter output)
    {
        using var message = spool.Open(SpoolArea.Hold, id);
        if (message is null)
        {
            return false;
        }
        var e = message.Envelope;
        output.WriteLine($"Queue id:    {e.Id} (held)");
        output.WriteLine($"Received:    {e.ReceivedAt.ToString("u", CultureInfo.InvariantCulture)} from {e.ClientAddress}");
        output.WriteLine($"Mail from:   <{e.MailFrom}>");
        output.WriteLine($"Recipients:  {string.Join(", ", e.Recipients.Select(r => $"<{r}>"))}");
        output.WriteLine($"Subject:     {NoticeTemplates.Clean(Quarantine.ReadSubject(message.Content) ?? "").Replace('\n', ' ')}");
        foreach (var f in e.Findings)
        {
            output.WriteLine($"Finding:     {f.Rule} (policy {f.Clause}) {f.EffectiveAction.ToString().ToLowerInvariant()}{(f.Observe ? " [observe]" : "")}: {NoticeTemplates.Clean(f.Evidence)}");
        }
        return true;
    }

    private static string Age(TimeSpan t) =>
        t.TotalDays >= 1 ? $"{t.TotalDays:F1}d" : t.TotalHours >= 1 ? $"{t.TotalHours:F1}h" : $"{Math.Max(0, t.TotalMinutes):F0}m";
}
