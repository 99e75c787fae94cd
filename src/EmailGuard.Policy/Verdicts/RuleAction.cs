namespace EmailGuard.Policy;

/// <summary>What the gateway does with a message, least to most severe (the order is relied on).</summary>
public enum RuleAction
{
    /// <summary>Deliver as addressed.</summary>
    Forward = 0,
    /// <summary>Deliver, and copy to the E-safety monitor (policy 7.2.1).</summary>
    Monitor = 1,
    /// <summary>Keep in quarantine until someone releases or rejects it.</summary>
    Hold = 2,
    /// <summary>Refuse at end of DATA.</summary>
    Reject = 3,
}
