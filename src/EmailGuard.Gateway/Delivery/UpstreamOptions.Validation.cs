namespace EmailGuard.Gateway.Delivery;

public sealed partial class UpstreamOptions
{
    // Polly refuses timeouts outside [10 ms, 24 h] and break/sampling windows under 0.5 s; checking here
    // names the configuration key instead of failing later inside the pipeline builder.
    private static readonly TimeSpan MinTimeout = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromHours(24);
    private static readonly TimeSpan MinBreakerWindow = TimeSpan.FromMilliseconds(500);

    /// <summary>Every problem at once, each naming its configuration key; empty when the options are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        const string S = SectionName;

        if (!Enum.IsDefined(Mode))
        {
            errors.Add($"{S}:Mode must be Pickup or Smtp");
        }
        if (!Enum.IsDefined(Tls))
        {
            errors.Add($"{S}:Tls must be None, StartTls, StartTlsWhenAvailable or Implicit");
        }
        if (Mode == UpstreamMode.Pickup && string.IsNullOrWhiteSpace(PickupDirectory))
        {
            errors.Add($"{S}:PickupDirectory is required when Mode is Pickup");
        }
        if (Mode == UpstreamMode.Smtp && string.IsNullOrWhiteSpace(Host))
        {
            errors.Add($"{S}:Host is required when Mode is Smtp");
        }
        // A Host with the shipped Pickup mode looks configured but relays nothing: mail piles up in the outbox.
        if (Mode == UpstreamMode.Pickup && !string.IsNullOrWhiteSpace(Host))
        {
            errors.Add($"{S}:Host is set but Mode is Pickup, so mail would be written to the pickup directory and relayed nowhere: set {S}:Mode to Smtp (or remove Host)");
        }
        if (Port is < 1 or > 65535)
        {
            errors.Add($"{S}:Port must be between 1 and 65535 (was {Port})");
        }
        if (!string.IsNullOrEmpty(Username) && Password is null)
        {
            errors.Add($"{S}:Password is required when {S}:Username is set");
        }
        if (string.IsNullOrEmpty(Username) && !string.IsNullOrEmpty(Password))
        {
            errors.Add($"{S}:Username is required when {S}:Password is set");
        }
        if (MaxConnections < 1)
        {
            errors.Add($"{S}:MaxConnections must be at least 1 (was {MaxConnections})");
        }
        CheckTimeout(errors, $"{S}:ConnectTimeout", ConnectTimeout);
        CheckTimeout(errors, $"{S}:CommandTimeout", CommandTimeout);
        CheckTimeout(errors, $"{S}:AttemptTimeout", AttemptTimeout);
        CheckTimeout(errors, $"{S}:TotalTimeout", TotalTimeout);
        ValidateRetry(errors, $"{S}:Retry");
        ValidateCircuitBreaker(errors, $"{S}:CircuitBreaker");
        return errors;
    }

    private void ValidateRetry(List<string> errors, string key)
    {
        if (Retry.MaxAttempts < 1)
        {
            errors.Add($"{key}:MaxAttempts must be at least 1 (was {Retry.MaxAttempts})");
        }
        if (Retry.BaseDelay < TimeSpan.Zero || Retry.BaseDelay > MaxTimeout)
        {
            errors.Add($"{key}:BaseDelay must be between 0 and 24:00:00 (was {Retry.BaseDelay})");
        }
        if (Retry.MaxDelay < Retry.BaseDelay || Retry.MaxDelay > MaxTimeout)
        {
            errors.Add($"{key}:MaxDelay must be between BaseDelay and 24:00:00 (was {Retry.MaxDelay})");
        }
    }

    private void ValidateCircuitBreaker(List<string> errors, string key)
    {
        var breaker = CircuitBreaker;
        if (breaker.FailureRatio is <= 0 or > 1 || double.IsNaN(breaker.FailureRatio))
        {
            errors.Add($"{key}:FailureRatio must be greater than 0 and at most 1 (was {breaker.FailureRatio})");
        }
        if (breaker.MinimumThroughput < 2)
        {
            errors.Add($"{key}:MinimumThroughput must be at least 2 (was {breaker.MinimumThroughput})");
        }
        if (breaker.SamplingDuration < MinBreakerWindow || breaker.SamplingDuration > MaxTimeout)
        {
            errors.Add($"{key}:SamplingDuration must be between 00:00:00.5 and 24:00:00 (was {breaker.SamplingDuration})");
        }
        if (breaker.BreakDuration < MinBreakerWindow || breaker.BreakDuration > MaxTimeout)
        {
            errors.Add($"{key}:BreakDuration must be between 00:00:00.5 and 24:00:00 (was {breaker.BreakDuration})");
        }
    }

    private static void CheckTimeout(List<string> errors, string key, TimeSpan value)
    {
        if (value < MinTimeout || value > MaxTimeout)
        {
            errors.Add($"{key} must be between 00:00:00.01 and 24:00:00 (was {value})");
        }
    }
}
