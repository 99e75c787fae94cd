namespace EmailGuard.Policy.Configuration;

/// <summary>
/// The policy could not be built. <see cref="Errors"/> lists every problem found (not just the first) so one
/// edit can fix them all; entries name files, lines, keys and rule ids, never directory contents.
/// </summary>
public sealed class PolicyConfigurationException : Exception
{
    public PolicyConfigurationException(IReadOnlyList<string> errors)
        : base(Describe(errors)) => Errors = errors;

    public PolicyConfigurationException()
        : this([])
    {
    }

    public PolicyConfigurationException(string message)
        : this([message])
    {
    }

    public PolicyConfigurationException(string message, Exception innerException)
        : base(message, innerException) => Errors = [message];

    public IReadOnlyList<string> Errors { get; }

    private static string Describe(IReadOnlyList<string> errors) =>
        errors.Count == 0
            ? "The policy configuration is invalid."
            : $"The policy configuration is invalid ({errors.Count} problem(s)):{Environment.NewLine}  "
              + string.Join(Environment.NewLine + "  ", errors);
}
