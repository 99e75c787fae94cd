namespace EmailGuard.Gateway.Hosting;

/// <summary>Every problem found in the configuration, reported together so an admin fixes them in one pass.</summary>
public sealed class InvalidConfigurationException(IReadOnlyList<string> errors)
    : Exception("Invalid configuration:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
