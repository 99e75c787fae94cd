namespace EmailGuard.Gateway.Options;

/// <summary>Top-level settings: section <c>EmailGuard</c>.</summary>
public sealed class GatewayOptions
{
    public const string Section = "EmailGuard";

    /// <summary>Spool, quarantine and pickup directory live here. Default <c>data</c> (relative to the working directory).</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Name used in the greeting, EHLO and Received headers. Default: the machine name.</summary>
    public string ServerName { get; set; } = Environment.MachineName;

    /// <summary>Subjects are personal data about children: off by default, logs carry ids and counts only.</summary>
    public bool LogSubjects { get; set; }

    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(DataDirectory))
        {
            yield return "EmailGuard:DataDirectory must not be empty.";
        }
        if (string.IsNullOrWhiteSpace(ServerName) || ServerName.Any(char.IsWhiteSpace))
        {
            yield return "EmailGuard:ServerName must be a host name without spaces.";
        }
    }
}
