namespace EmailGuard.Policy.Rules;

/// <summary>
/// One Trust policy check. Pure and thread-safe: all indexing happens in the constructor, per-message work
/// in <see cref="Evaluate"/>. Register new rules in <see cref="RuleCatalog"/>.
/// </summary>
internal interface IPolicyRule
{
    /// <summary>Stable id used in configuration, findings and logs.</summary>
    string Id { get; }

    /// <summary>The clause(s) of the Trust policy the rule enforces.</summary>
    string Clause { get; }

    RuleAction DefaultAction { get; }

    /// <summary>Adds one hit per problem found, with evidence saying what matched and where.</summary>
    void Evaluate(MessageFacts message, List<RuleHit> hits);
}

/// <summary>
/// What a rule found. <see cref="Recipient"/> names the recipient the hit is about, so recipient exceptions
/// can drop it; null for hits about the whole message. <see cref="CopyTo"/> becomes <see cref="Finding.CopyTo"/>.
/// </summary>
internal readonly record struct RuleHit(
    string Evidence, Addresses.MailAddress? Recipient = null, IReadOnlyList<string>? CopyTo = null);
