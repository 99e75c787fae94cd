namespace EmailGuard.Cli;

internal static class Help
{
    public const string Text = """
        EmailGuard: outbound mail gateway enforcing a school trust's email policy.

        Usage: emailguard [VERB] [options]

          run [--config DIR]               Run the gateway (the default verb). Config: DIR/emailguard.json.
          check FILE.eml [options]         Evaluate one message offline against the policy.
          check-config [--config DIR]      Validate settings, certificate, policy and directory without starting.
          check-config [--config DIR]      Validate the configuration, policy and directory without starting.
          queue list|show|retry|delete     Inspect and manage the delivery queue of a live spool.
          quarantine list|show|release|reject|purge
                                           Review held messages (E-safety monitor / office).
          audit [--id ID]                  Print the quarantine audit log.
          quarantine list|show|release|reject|purge
                                           Review held messages; every action is audited.
          audit                            Print the quarantine audit log.
          hash-password                    Read a password on stdin, print a hash for Smtp:Auth:Users.
          version                          Print the version.

        Every verb takes --help. Exit codes: 0 ok, 1 failure, 2 usage or configuration error.
        """;

    public static int Print(TextWriter output, int exitCode, string? error = null)
    {
        if (error is not null)
        {
            output.WriteLine($"emailguard: {error}");
        }
        output.WriteLine(Text);
        return exitCode;
    }
}
