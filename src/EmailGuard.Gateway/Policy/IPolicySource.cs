using EmailGuard.Policy;

namespace EmailGuard.Gateway.Policy;

/// <summary>The current policy, rebuilt when its files change; readers always see a complete, valid snapshot.</summary>
public interface IPolicySource
{
    PolicyPipeline Current { get; }
}
