namespace EmailGuard.Gateway.Policy;

/// <summary>How <see cref="FilePolicySource"/> notices changes.</summary>
public sealed class PolicyFileWatchOptions
{
    /// <summary>
    /// Quiet time after the last file event before reloading. Default 250 ms: long enough for an editor's
    /// truncate-then-write or a copy of a large CSV to finish, short enough to feel immediate.
    /// </summary>
    public TimeSpan Debounce { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How often file sizes and timestamps are compared, as a safety net for missed watcher events.
    /// Default 5 s: a stat of three files is negligible, and policy edits are not that urgent.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
}
