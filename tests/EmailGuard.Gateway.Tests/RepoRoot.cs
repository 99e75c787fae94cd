namespace EmailGuard.Gateway.Tests;

/// <summary>The repository root, found by walking up from the test binaries to EmailGuard.sln.</summary>
internal static class RepoRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "EmailGuard.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("EmailGuard.sln not found above " + TestContext.CurrentContext.TestDirectory);
    }

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);
}
