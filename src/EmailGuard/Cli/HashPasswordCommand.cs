using EmailGuard.Gateway.Receive;

namespace EmailGuard.Cli;

/// <summary>Reads a password from standard input (never from argv, which other users can see in ps) and prints its hash.</summary>
internal static class HashPasswordCommand
{
    public static int Run(string[] args, TextReader input, TextWriter output)
    {
        if (new CliArgs(args).WantsHelp)
        {
            output.WriteLine("Usage: echo -n PASSWORD | emailguard hash-password\nPrints a salted PBKDF2 hash for EmailGuard:Smtp:Auth:Users[].PasswordHash.");
            return 0;
        }
        var password = input.ReadLine();
        if (string.IsNullOrEmpty(password))
        {
            throw new UsageException("no password on standard input");
        }
        output.WriteLine(PasswordHash.Create(password));
        return 0;
    }
}
