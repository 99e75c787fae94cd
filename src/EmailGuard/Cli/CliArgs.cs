namespace EmailGuard.Cli;

/// <summary>Just enough argument parsing for the verbs: positional words, <c>--flag</c>, <c>--name value</c>.</summary>
internal sealed class CliArgs
{
    private readonly Dictionary<string, List<string>> _options = new(StringComparer.Ordinal);

    public CliArgs(IEnumerable<string> args, params string[] valueOptions)
    {
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var a = e.Current;
            if (a.StartsWith("--", StringComparison.Ordinal) && a.Length > 2)
            {
                var name = a[2..];
                var eq = name.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0)
                {
                    Add(name[..eq], name[(eq + 1)..]);
                }
                else if (valueOptions.Contains(name))
                {
                    Add(name, e.MoveNext() ? e.Current : throw new UsageException($"--{name} needs a value"));
                }
                else
                {
                    Add(name, "");
                }
            }
            else
            {
                Positional.Add(a);
            }
        }
    }

    public List<string> Positional { get; } = [];

    public bool Has(string name) => _options.ContainsKey(name);

    public string? Value(string name) => _options.TryGetValue(name, out var v) ? v[^1] : null;

    public string ConfigDirectory => Value("config") ?? "config";

    /// <summary><c>--EmailGuard:Section:Key=value</c> arguments, passed to configuration as overrides.</summary>
    public static string[] ConfigOverrides(IEnumerable<string> args) =>
        args.Where(a => a.StartsWith("--EmailGuard:", StringComparison.OrdinalIgnoreCase) || a.StartsWith("--Logging:", StringComparison.OrdinalIgnoreCase)).ToArray();

    public bool WantsHelp => Has("help") || Positional.Contains("-h");

    private void Add(string name, string value)
    {
        if (!_options.TryGetValue(name, out var list))
        {
            _options[name] = list = [];
        }
        list.Add(value);
    }
}

public sealed class UsageException(string message) : Exception(message);
