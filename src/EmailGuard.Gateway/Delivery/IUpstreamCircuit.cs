namespace EmailGuard.Gateway.Delivery;

/// <summary>An upstream that can be judged down (a circuit breaker): health and metrics read it.</summary>
public interface IUpstreamCircuit
{
    /// <summary>True while sends are deferred without trying because the relay is judged down.</summary>
    bool IsCircuitOpen { get; }
}
