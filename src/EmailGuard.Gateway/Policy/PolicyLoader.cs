using EmailGuard.Policy;
using EmailGuard.Policy.Configuration;
using EmailGuard.Policy.Csv;
using EmailGuard.Policy.People;
using EmailGuard.Policy.Safety;
using Microsoft.Extensions.Configuration;

namespace EmailGuard.Gateway.Policy;

/// <summary>
/// Builds a <see cref="PolicyPipeline"/> from the config directory: the <c>EmailGuard:Policy</c> section, the
/// directory CSVs and (while the safety-concern rule is enabled) the safety lexicon. Every problem found
/// (binding, settings, every bad CSV or lexicon line) is reported in one <see cref="PolicyConfigurationException"/>,
/// so one edit fixes them all.
/// </summary>
public static class PolicyLoader
{
    public const string ConfigFileName = "emailguard.json";
    public const string PupilsFileName = "pupils.csv";
    public const string StaffFileName = "staff.csv";
    private const string SafetyConcernRuleId = "safety-concern";

    /// <summary>
    /// The <c>EmailGuard:Policy</c> section of <c>&lt;configDirectory&gt;/emailguard.json</c>, with the environment
    /// (<c>EmailGuard__Policy__…</c>) and then <paramref name="overrides"/> (the command line) on top: the same
    /// precedence as every other section, re-applied on each reload of the file.
    /// </summary>
    public static IConfigurationSection ReadPolicySection(string configDirectory, IConfiguration? overrides = null)
    {
        var path = Path.GetFullPath(Path.Combine(configDirectory, ConfigFileName));
        if (!File.Exists(path))
        {
            throw new PolicyConfigurationException([$"{ConfigFileName}: file not found in the config directory"]);
        }
        try
        {
            var builder = new ConfigurationBuilder().AddJsonFile(path, optional: false, reloadOnChange: false).AddEnvironmentVariables();
            if (overrides is not null)
            {
                builder.AddConfiguration(overrides);
            }
            return builder.Build().GetSection(PolicySettings.SectionName);
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or IOException)
        {
            throw new PolicyConfigurationException([$"{ConfigFileName}: {ex.Message}"]);
        }
    }

    /// <summary>Loads from <c>&lt;configDirectory&gt;/emailguard.json</c>; <paramref name="time"/> is the rules' clock.</summary>
    public static PolicyPipeline Load(string configDirectory, TimeProvider? time = null, IConfiguration? overrides = null) =>
        Load(configDirectory, ReadPolicySection(configDirectory, overrides), time);

    /// <summary>Loads the files named by <paramref name="policySection"/> (relative to <paramref name="configDirectory"/>).</summary>
    public static PolicyPipeline Load(string configDirectory, IConfiguration policySection, TimeProvider? time = null)
    {
        var errors = new List<string>();
        var settings = Bind(policySection, errors);
        errors.AddRange(PolicySettingsValidator.Validate(settings, PolicyPipeline.RuleIds));
        var directory = ReadDirectory(configDirectory, settings.DirectoryPath, errors);
        var lexicon = SafetyRuleEnabled(settings) ? ReadLexicon(configDirectory, settings.SafetyLexiconPath, errors) : null;
        if (errors.Count > 0)
        {
            throw new PolicyConfigurationException(errors);
        }
        return PolicyPipeline.Create(settings, directory, lexicon, time);
    }

    /// <summary>The files a loaded configuration depends on (for change detection).</summary>
    public static IReadOnlyList<string> WatchedFiles(string configDirectory, string directoryPath, string? safetyLexiconPath = null)
    {
        var directory = Path.Combine(configDirectory, directoryPath);
        return
        [
            Path.GetFullPath(Path.Combine(configDirectory, ConfigFileName)),
            Path.GetFullPath(Path.Combine(directory, PupilsFileName)),
            Path.GetFullPath(Path.Combine(directory, StaffFileName)),
            Path.GetFullPath(Path.Combine(configDirectory, safetyLexiconPath ?? new PolicySettings().SafetyLexiconPath)),
        ];
    }

    private static bool SafetyRuleEnabled(PolicySettings settings) =>
        settings.Rules.FirstOrDefault(r => r.Key.Equals(SafetyConcernRuleId, StringComparison.OrdinalIgnoreCase)).Value?.Enabled ?? true;

    // A missing lexicon is an error, not an empty one: a safeguarding rule that silently never fires is worse
    // than a gateway that will not start. Disable the rule to run without it.
    private static SafetyLexicon? ReadLexicon(string configDirectory, string path, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return null; // reported by the validator
        }
        var result = ReadFile(configDirectory, path, SafetyLexiconCsv.Parse,
            $"file not found (the {SafetyConcernRuleId} rule needs it; set SafetyLexiconPath, or disable the rule)", errors);
        errors.AddRange(result?.Errors.Select(e => e.ToString()) ?? []);
        return result?.Lexicon;
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
        var result = ReadFile(configDirectory, Path.Combine(directoryPath, fileName), parse, "file not found", errors);
        errors.AddRange(result?.Errors.Select(e => e.ToString()) ?? []);
        return result?.Rows ?? [];
    }

    /// <summary>
    /// Parses one file named relative to the config directory; null when it cannot be read, with the reason in
    /// <paramref name="errors"/>. Problems name the file as the operator wrote it, never a value from it.
    /// </summary>
    private static TResult? ReadFile<TResult>(string configDirectory, string relativePath, Func<TextReader, string, TResult> parse,
        string notFound, List<string> errors) where TResult : class
    {
        var display = relativePath.Replace('\\', '/');
        try
        {
            using var reader = new StreamReader(Path.Combine(configDirectory, relativePath), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return parse(reader, display);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            errors.Add($"{display}: {notFound}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            errors.Add($"{display}: cannot be read ({ex.GetType().Name})");
        }
        return null;
    }
}
