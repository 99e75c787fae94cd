using EmailGuard.Policy.Configuration;
using Microsoft.Extensions.Configuration;

namespace EmailGuard.Gateway.Policy;

/// <summary>Size and last-write time of each policy file: equal fingerprints mean nothing to reload.</summary>
internal readonly record struct PolicyFileFingerprint(string Value)
{
    public static PolicyFileFingerprint Take(string configDirectory)
    {
        var files = PolicyLoader.WatchedFiles(configDirectory, DirectoryPathOf(configDirectory));
        return new PolicyFileFingerprint(string.Join('|', files.Select(Describe)));
    }

    private static string Describe(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? $"{info.Length}:{info.LastWriteTimeUtc.Ticks}" : "-";
    }

    // The directory may move when emailguard.json changes; a broken file falls back to the default path.
    private static string DirectoryPathOf(string configDirectory)
    {
        try
        {
            return PolicyLoader.ReadPolicySection(configDirectory)[nameof(PolicySettings.DirectoryPath)] ?? "directory";
        }
        catch (PolicyConfigurationException)
        {
            return "directory";
        }
    }
}
