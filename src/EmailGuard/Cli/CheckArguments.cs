namespace EmailGuard.Cli;

/// <summary>The parsed command line of <c>emailguard check</c>; <see cref="Error"/> is set for a usage error.</summary>
internal sealed record CheckArguments(
    string? MessageFile,
    string? MailFrom,
    IReadOnlyList<string> RcptTo,
    string ConfigDirectory,
    bool Json,
    bool Help,
    string? Error,
    DateTimeOffset? At = null)
{
    public static CheckArguments Parse(string[] args)
    {
        string? file = null;
        string? mailFrom = null;
        var rcptTo = new List<string>();
        var config = "config";
        bool json = false, help = false;
        DateTimeOffset? at = null;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string? Value() => i + 1 < args.Length ? args[++i] : null;
            switch (arg)
            {
                case "--help" or "-h":
                    help = true;
                    break;
                case "--json":
                    json = true;
                    break;
                case "--mail-from":
                    if (Value() is not { } from)
                    {
                        return Fail("--mail-from needs an address (use '<>' for the null sender)");
                    }
                    mailFrom = from;
                    break;
                case "--rcpt-to":
                    if (Value() is not { } rcpt)
                    {
                        return Fail("--rcpt-to needs an address");
                    }
                    rcptTo.Add(rcpt);
                    break;
                case "--at":
                    if (!EmailGuard.Policy.Configuration.OccasionalMonitoringEntry.TryParseTime(Value(), out var time))
                    {
                        return Fail("--at needs an ISO 8601 date-time with a UTC offset, e.g. 2026-11-16T09:00:00Z");
                    }
                    at = time;
                    break;
                case "--config":
                    if (Value() is not { } dir)
                    {
                        return Fail("--config needs a directory");
                    }
                    config = dir;
                    break;
                default:
                    if (arg.StartsWith('-') && arg.Length > 1)
                    {
                        return Fail($"unknown option '{arg}'");
                    }
                    if (file is not null)
                    {
                        return Fail("only one message file may be checked at a time");
                    }
                    file = arg;
                    break;
            }
        }
        if (!help && file is null)
        {
            return Fail("no message file given");
        }
        return new CheckArguments(file, mailFrom, rcptTo, config, json, help, null, at);
    }

    private static CheckArguments Fail(string error) => new(null, null, [], "config", false, false, error);
}
