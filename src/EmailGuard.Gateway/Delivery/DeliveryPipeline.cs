using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace EmailGuard.Gateway.Delivery;

/// <summary>
/// The one resilience pipeline for the relay, in the house order: total timeout → retry → circuit
/// breaker → attempt timeout. The breaker sits inside the retry so each try counts towards (and is
/// refused by) it; the attempt timeout is innermost so a hung try is a failure the breaker sees.
/// </summary>
internal static class DeliveryPipeline
{
    public static ResiliencePipeline Build(UpstreamOptions options, TimeProvider timeProvider, ILogger logger, CircuitBreakerStateProvider circuit)
    {
        var builder = new ResiliencePipelineBuilder { Name = "EmailGuard.Upstream", TimeProvider = timeProvider };
        builder.AddTimeout(options.TotalTimeout);
        if (options.Retry.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = static args => ValueTask.FromResult(TransientFailures.IsTransient(args.Outcome.Exception)),
                MaxRetryAttempts = options.Retry.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.Retry.BaseDelay,
                MaxDelay = options.Retry.MaxDelay,
                OnRetry = args =>
                {
                    var failureType = args.Outcome.Exception?.GetType().Name ?? "result";
                    DeliveryLog.Retrying(logger, args.AttemptNumber + 1, failureType, args.RetryDelay);
                    return default;
                },
            });
        }
        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            ShouldHandle = static args => ValueTask.FromResult(TransientFailures.IsTransient(args.Outcome.Exception)),
            FailureRatio = options.CircuitBreaker.FailureRatio,
            MinimumThroughput = options.CircuitBreaker.MinimumThroughput,
            SamplingDuration = options.CircuitBreaker.SamplingDuration,
            BreakDuration = options.CircuitBreaker.BreakDuration,
            StateProvider = circuit,
            OnOpened = args =>
            {
                DeliveryLog.CircuitOpened(logger, args.BreakDuration);
                return default;
            },
            OnClosed = _ =>
            {
                DeliveryLog.CircuitClosed(logger);
                return default;
            },
            OnHalfOpened = _ =>
            {
                DeliveryLog.CircuitHalfOpened(logger);
                return default;
            },
        });
        builder.AddTimeout(options.AttemptTimeout);
        return builder.Build();
    }
}
