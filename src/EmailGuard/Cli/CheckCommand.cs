using EmailGuard.Gateway.Policy;
using EmailGuard.Policy;
using EmailGuard.Policy.Configuration;
using MimeKit;

namespace EmailGuard.Cli;

/// <summary>
/// <c>emailguard check FILE.eml</c>: runs one message through the policy offline (no delivery, no notices,
/// no writes) and prints the verdict with every finding. Exit 0 when evaluated, 2 on usage or config errors.
/// </summary>
public static class CheckCommand
{
    public const string Usage = """
        Usage: emailguard check FILE.eml [--mail-from ADDR] [--rcpt-to ADDR ...] [--config DIR] [--at TIME] [--json]

        Evaluates FILE.eml against the Trust policy and prints the verdict and each finding.
          --mail-from ADDR  envelope sender ('<>' for the null sender); default: the From address
          --rcpt-to ADDR    envelope recipient, repeatable; default: the To, Cc and Bcc addresses
          --config DIR      config directory holding emailguard.json (default: config)
          --at TIME         evaluate as at TIME (ISO 8601 with offset), e.g. for occasional monitoring windows
          --json            print one JSON object: {"action": ..., "findings": [...]}
        Exit status: 0 evaluated, 2 usage or configuration error.
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var parsed = CheckArguments.Parse(args);
        if (parsed.Error is not null)
        {
            stderr.WriteLine($"emailguard check: {parsed.Error}");
            stderr.WriteLine(Usage);
            return 2;
        }
        if (parsed.Help)
        {
            stdout.WriteLine(Usage);
            return 0;
        }
        PolicyPipeline pipeline;
        try
        {
            pipeline = PolicyLoader.Load(parsed.ConfigDirectory, parsed.At is { } at ? new FixedTime(at) : null);
        }
        catch (PolicyConfigurationException ex)
        {
            stderr.WriteLine($"emailguard check: configuration in '{parsed.ConfigDirectory}' is invalid:");
            foreach (var error in ex.Errors)
            {
                stderr.WriteLine("  " + error);
            }
            return 2;
        }
        if (!TryLoadMessage(parsed.MessageFile!, stderr, out var message))
        {
            return 2;
        }
        using (message)
        {
            var verdict = pipeline.Evaluate(message, EnvelopeFor(parsed, message));
            if (parsed.Json)
            {
                VerdictWriter.WriteJson(verdict, stdout);
            }
            else
            {
                VerdictWriter.WriteText(verdict, stdout);
            }
        }
        return 0;
    }

    private static bool TryLoadMessage(string path, TextWriter stderr, out MimeMessage message)
    {
        message = null!;
        try
        {
            using var stream = File.OpenRead(path);
            // MimeKit's parser is lenient: a malformed message still yields the headers and parts it could read.
            message = MimeMessage.Load(stream);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"emailguard check: cannot read '{path}': {ex.Message}");
        }
        catch (FormatException ex)
        {
            stderr.WriteLine($"emailguard check: '{path}' is not a message: {ex.Message}");
        }
        return false;
    }

    /// <summary>A clock stopped at one instant, for <c>--at</c>.</summary>
    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static Envelope EnvelopeFor(CheckArguments args, MimeMessage message)
    {
        var mailFrom = args.MailFrom is { } given
            ? (given.Trim() is "<>" or "" ? "" : given.Trim().TrimStart('<').TrimEnd('>'))
            : message.From.Mailboxes.FirstOrDefault()?.Address ?? "";
        var recipients = args.RcptTo.Count > 0
            ? args.RcptTo
            : [.. message.To.Mailboxes.Concat(message.Cc.Mailboxes).Concat(message.Bcc.Mailboxes).Select(m => m.Address)];
        return new Envelope(mailFrom, recipients);
    }
}
