using EmailGuard.Policy;
using EmailGuard.Policy.Configuration;
using EmailGuard.Policy.Csv;
using EmailGuard.Policy.People;
using Microsoft.Extensions.Configuration;

namespace EmailGuard.Gateway.Policy;

/// <summary>
/// Builds a <see cref="PolicyPipeline"/> from the config directory: the <c>EmailGuard:Policy</c> section and
/// the directory CSVs. Every problem found (binding, settings, every bad CSV line) is reported in one
/// <see cref="PolicyConfigurationException"/>, so one edit fixes them all.
/// </summary>
public static class PolicyLoader
{
    public const string ConfigFileName = "emailguard.json";
    public const string PupilsFileName = "pupils.csv";
    public const string StaffFileName = "staff.csv";

    /// <summary>Reads <c>&lt;configDirectory&gt;/emailguard.json</c> and returns its <c>EmailGuard:Policy</c> section.</summary>
    public static IConfigurationSection ReadPolicySection(string configDirectory)
    {
        var path = Path.GetFullPath(Path.Combine(configDirectory, ConfigFileName));
        if (!File.Exists(path))
        {
            throw new PolicyConfigurationException([$"{ConfigFileName}: file not found in the config directory"]);
        }
        try
        {
            return new ConfigurationBuilder().AddJsonFile(path, optional: false, reloadOnChange: false).Build()
                .GetSection(PolicySettings.SectionName);
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or IOException)
        {
            throw new PolicyConfigurationException([$"{ConfigFileName}: {ex.Message}"]);
        }
    }

    /// <summary>Loads from <c>&lt;configDirectory&gt;/emailguard.json</c>.</summary>
    public static PolicyPipeline Load(string configDirectory) => Load(configDirectory, ReadPolicySection(configDirectory));

    /// <summary>Loads the directory named by <paramref name="policySection"/> (relative to <paramref name="configDirectory"/>).</summary>
    public static PolicyPipeline Load(string configDirectory, IConfiguration policySection)
    {
        var errors = new List<string>();
        var settings = Bind(policySection, errors);
        errors.AddRange(PolicySettingsValidator.Validate(settings, PolicyPipeline.RuleIds));
        var directory = ReadDirectory(configDirectory, settings.DirectoryPath, errors);
        if (errors.Count > 0)
        {
            throw new PolicyConfigurationException(errors);
        }
        return PolicyPipeline.Create(settings, directory);
    }

    /// <summary>The directory files a loaded configuration depends on (for change detection).</summary>
    public static IReadOnlyList<string> WatchedFiles(string configDirectory, string directoryPath)
    {
        var directory = Path.Combine(configDirectory, directoryPath);
        return
        [
            Path.GetFullPath(Path.Combine(configDirectory, ConfigFileName)),
            Path.GetFullPath(Path.Combine(directory, PupilsFileName)),
            Path.GetFullPath(Path.Combine(directory, StaffFileName)),
        ];
    }

    private static PolicySettings Bind(IConfiguration section, List<string> errors)
    {
        var settings = new PolicySettings();
        try
        {
            // Unknown keys are errors: a misspelt "Enable" must not silently leave a rule on.
            section.Bind(settings, o => o.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException ex)
        {
            // The binder wraps the useful part ("'Enable' was not found on RuleSettings") in a generic outer message.
            errors.Add($"{PolicySettings.SectionName}: {(ex.InnerException ?? ex).Message}");
        }
        return settings;
    }

    private static TrustDirectory ReadDirectory(string configDirectory, string directoryPath, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(directoryPath))
        {
            return TrustDirectory.Empty;
        }
        var pupils = ReadCsv(configDirectory, directoryPath, PupilsFileName, PupilCsv.Parse, errors);
        var staff = ReadCsv(configDirectory, directoryPath, StaffFileName, StaffCsv.Parse, errors);
        return new TrustDirectory(pupils, staff);
    }

    private static IReadOnlyList<T> ReadCsv<T>(
        string configDirectory, string directoryPath, string fileName,
        Func<TextReader, string, CsvParseResult<T>> parse, List<string> errors)
    {
        // Errors name the file as the operator wrote it (relative to the config directory), never a value.
        var display = Path.Combine(directoryPath, fileName).Replace('\\', '/');
        var path = Path.Combine(configDirectory, directoryPath, fileName);
        try
        {
            using var reader = new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            var result = parse(reader, display);
            errors.AddRange(result.Errors.Select(e => e.ToString()));
            return result.Rows;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            errors.Add($"{display}: file not found");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            errors.Add($"{display}: cannot be read ({ex.GetType().Name})");
        }
        return [];
    }
}
