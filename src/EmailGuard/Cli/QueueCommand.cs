using System.Globalization;
using EmailGuard.Gateway.Hosting;
using EmailGuard.Gateway.Spool;

namespace EmailGuard.Cli;

/// <summary><c>emailguard queue list | show ID | retry ID | delete ID</c> on the live spool of the configured data directory.</summary>
public static class QueueCommand
{
    private const string Usage = """
        Usage: emailguard queue VERB [--config DIR]
          list          Queued messages, oldest first: id, age, size, recipients pending, attempts, next attempt.
          show ID       One message: envelope, verdict (rule ids), delivery state and last error.
          retry ID      Try delivery now (the running service picks it up at once).
          delete ID     Remove the message from the queue for good; it will not be delivered.
        """;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var cli = new CliArgs(args, "config");
        if (cli.WantsHelp || cli.Positional.Count == 0)
        {
            (cli.WantsHelp ? output : error).WriteLine(Usage);
            return cli.WantsHelp ? 0 : 2;
        }
        var settings = ServiceData.Load(cli, args);
        var spool = new MessageSpool(settings.Gateway.DataDirectory);
        var verb = cli.Positional[0];
        if (verb == "list")
        {
            return List(spool, output);
        }
        if (cli.Positional.Count != 2)
        {
            throw new UsageException($"queue {verb} needs exactly one queue id");
        }
        var id = cli.Positional[1].ToUpperInvariant();
        if (!QueueId.IsValid(id))
        {
            throw new UsageException($"'{cli.Positional[1]}' is not a queue id");
        }
        switch (verb)
        {
            case "show":
                return Show(spool, id, output, error);
            case "retry":
                if (!spool.RequestRetry(id))
                {
                    error.WriteLine($"no queued message {id}");
                    return 1;
                }
                output.WriteLine($"{id}: retry requested");
                return 0;
            case "delete":
                if (!spool.Delete(SpoolArea.Queue, id))
                {
                    error.WriteLine($"no queued message {id}");
                    return 1;
                }
                output.WriteLine($"{id}: deleted");
                return 0;
            default:
                throw new UsageException($"unknown queue verb '{verb}'");
        }
    }

    private static int List(MessageSpool spool, TextWriter output)
    {
        var now = DateTimeOffset.UtcNow;
        var ids = spool.List(SpoolArea.Queue);
        output.WriteLine($"{"ID",-19}  {"AGE",8}  {"SIZE",9}  {"RCPTS",5}  {"TRIES",5}  NEXT ATTEMPT");
        foreach (var id in ids)
        {
            var envelope = spool.ReadEnvelope(SpoolArea.Queue, id);
            if (envelope is null)
            {
                continue;
            }
            var state = spool.ReadState(id) ?? DeliveryState.Initial(envelope);
            var size = new FileInfo(spool.PathOf(SpoolArea.Queue, id)).Length;
            var next = state.NextAttemptAt <= now ? "now" : state.NextAttemptAt.ToString("u", CultureInfo.InvariantCulture);
            output.WriteLine($"{id,-19}  {Age(now - envelope.ReceivedAt),8}  {size,9}  {state.Pending.Count,5}  {state.Attempts,5}  {next}");
        }
        output.WriteLine($"{ids.Count} message(s) queued");
        return 0;
    }

    private static int Show(MessageSpool spool, string id, TextWriter output, TextWriter error)
    {
        var envelope = spool.ReadEnvelope(SpoolArea.Queue, id);
        if (envelope is null)
        {
            error.WriteLine($"no queued message {id}");
            return 1;
        }
        var state = spool.ReadState(id) ?? DeliveryState.Initial(envelope);
        output.WriteLine($"Queue id:    {envelope.Id} ({envelope.Kind})");
        output.WriteLine($"Received:    {envelope.ReceivedAt:u} from {envelope.ClientAddress}");
        output.WriteLine($"Mail from:   <{envelope.MailFrom}>");
        output.WriteLine($"Recipients:  {string.Join(", ", envelope.Recipients.Select(r => $"<{r}>"))}");
        output.WriteLine($"Verdict:     {envelope.Action.ToString().ToLowerInvariant()}{Rules(envelope)}");
        output.WriteLine($"Attempts:    {state.Attempts}, next {state.NextAttemptAt:u}");
        output.WriteLine($"Pending:     {string.Join(", ", state.Pending.Select(r => $"<{r}>"))}");
        foreach (var f in state.Failed)
        {
            output.WriteLine($"Failed:      <{f.Recipient}> {f.Reply}");
        }
        if (state.LastError is not null)
        {
            output.WriteLine($"Last error:  {state.LastError}");
        }
        return 0;
    }

    private static string Rules(SpoolEnvelope e) =>
        e.Findings.Count == 0 ? "" : " (" + string.Join(", ", e.Findings.Select(f => f.Observe ? f.Rule + " observed" : f.Rule)) + ")";

    private static string Age(TimeSpan t) =>
        t.TotalDays >= 1 ? $"{t.TotalDays:F1}d" : t.TotalHours >= 1 ? $"{t.TotalHours:F1}h" : $"{Math.Max(0, t.TotalMinutes):F0}m";
}
