namespace EmailGuard.Gateway.Policy;

/// <summary>The outcome of one reload attempt: <see cref="Error"/> is null when the new policy was taken.</summary>
public sealed class PolicyReloadEventArgs(string? error) : EventArgs
{
    public string? Error { get; } = error;

    public bool Succeeded => Error is null;
}
