namespace EmailGuard.Cli;

// Placeholder until the policy branch merges (it brings the real CheckCommand).
public static class CheckCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => 2;
}
