namespace EmailGuard.Gateway.Spool;

/// <summary>
/// Modes for what holds mail or traces of it, which is personal data about children (policy 5, 7.1): private to
/// the service's user, or readable by its group where another process must read it (the pickup directory).
/// Windows has no Unix modes; there the directory's ACL decides.
/// </summary>
internal static class FileModes
{
    public const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode PrivateDirectory = Private | UnixFileMode.UserExecute;
    public const UnixFileMode GroupReadable = Private | UnixFileMode.GroupRead;
    public const UnixFileMode GroupReadableDirectory = GroupReadable | UnixFileMode.UserExecute | UnixFileMode.GroupExecute;

    /// <summary>Creates <paramref name="path"/> (and its parents) with <paramref name="mode"/>; returns it.</summary>
    public static string CreateDirectory(string path, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, mode);
        }
        return path;
    }

    /// <summary><paramref name="options"/>, creating new files with <paramref name="mode"/>.</summary>
    public static FileStreamOptions Creating(this FileStreamOptions options, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }
        return options;
    }
}
