using EmailGuard.Policy.Configuration;
using Microsoft.Extensions.Configuration;

namespace EmailGuard.Gateway.Policy;

/// <summary>Size and last-write time of each policy file: equal fingerprints mean nothing to reload.</summary>
internal readonly record struct PolicyFileFingerprint(string Value)
{
    public static PolicyFileFingerprint Take(string configDirectory, IConfiguration? overrides = null)
    {
        var (directoryPath, lexiconPath) = PathsOf(configDirectory, overrides);
        var files = PolicyLoader.WatchedFiles(configDirectory, directoryPath, lexiconPath);
        return new PolicyFileFingerprint(string.Join('|', files.Select(Describe)));
    }

    private static string Describe(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? $"{info.Length}:{info.LastWriteTimeUtc.Ticks}" : "-";
    }

    // The files may move when emailguard.json changes; a broken file falls back to the default paths.
    private static (string DirectoryPath, string? LexiconPath) PathsOf(string configDirectory, IConfiguration? overrides)
    {
        try
        {
            var section = PolicyLoader.ReadPolicySection(configDirectory, overrides);
            return (section[nameof(PolicySettings.DirectoryPath)] ?? "directory", section[nameof(PolicySettings.SafetyLexiconPath)]);
        }
        catch (PolicyConfigurationException)
        {
            return ("directory", null);
        }
    }
}
