using EmailGuard.Policy;
using Microsoft.Extensions.DependencyInjection;

namespace EmailGuard.Gateway.Policy;

// Compile stub until the policy branch merges; deleted then.
public static class TempPolicyStub
{
    public static IServiceCollection AddEmailGuardPolicy(this IServiceCollection services, string configDirectory) =>
        services.AddSingleton<IPolicySource>(new Empty());

    private sealed class Empty : IPolicySource
    {
        public PolicyPipeline Current => PolicyPipeline.Empty;
    }
}
