namespace EmailGuard.Policy.Configuration;

/// <summary>Configuration of one rule. Every property is optional; omitted ones keep the rule's default.</summary>
public sealed class RuleSettings
{
    /// <summary>Default true. A disabled rule is not evaluated at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>forward, monitor, hold or reject (any case); null keeps the rule's default action.</summary>
    public string? Action { get; set; }

    /// <summary>Record findings but act as forward: for trying a rule on live mail before it bites.</summary>
    public bool Observe { get; set; }

    public RuleExceptionSettings Exceptions { get; set; } = new();
}

/// <summary>
/// Where a rule does not apply. Entries are addresses or domains ("domain" or "@domain"). A listed sender
/// skips the rule; a listed recipient removes the findings about that recipient (and, for findings about the
/// whole message, applies when every envelope recipient is listed).
/// </summary>
public sealed class RuleExceptionSettings
{
    public List<string> Senders { get; set; } = [];

    public List<string> Recipients { get; set; } = [];
}
