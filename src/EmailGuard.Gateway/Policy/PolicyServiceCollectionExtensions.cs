using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EmailGuard.Gateway.Policy;

public static class PolicyServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="FilePolicySource"/> as <see cref="IPolicySource"/> over <paramref name="configDirectory"/>
    /// (which holds emailguard.json and the directory CSVs), and loads it when the host starts so an invalid
    /// policy fails start-up with every problem listed rather than at the first message.
    /// </summary>
    public static IServiceCollection AddEmailGuardPolicy(this IServiceCollection services, string configDirectory, IConfiguration? overrides = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new FilePolicySource(
            configDirectory,
            sp.GetRequiredService<ILogger<FilePolicySource>>(),
            sp.GetRequiredService<TimeProvider>(),
            overrides: overrides));
        services.TryAddSingleton<IPolicySource>(sp => sp.GetRequiredService<FilePolicySource>());
        services.AddHostedService<PolicyStartupLoad>();
        return services;
    }

    /// <summary>Resolving the source is what loads it; doing so at start-up surfaces errors before mail flows.</summary>
    private sealed class PolicyStartupLoad(IPolicySource source) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            _ = source.Current;
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
