using MailKit.Net.Smtp;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace EmailGuard.Gateway.Delivery;

/// <summary>Relays to the Trust's smart host over SMTP, with pooled connections, retries and a circuit breaker.</summary>
public sealed class SmtpUpstream : IUpstream, IUpstreamCircuit
{
    internal const string CircuitOpenReply = "upstream unavailable (circuit open)";
    internal const string TimedOutReply = "upstream timed out";

    private readonly CircuitBreakerStateProvider _circuit = new();
    private readonly ResiliencePipeline _pipeline;
    private readonly SmtpConnectionPool _pool;
    private readonly SmtpDeliveryAttempt _attempt;
    private readonly ILogger _logger;

    /// <exception cref="ArgumentException">The options are invalid (see <see cref="UpstreamOptions.Validate"/>).</exception>
    public SmtpUpstream(UpstreamOptions options, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate().ToList();
        if (options.Mode != UpstreamMode.Smtp)
        {
            errors.Add($"{UpstreamOptions.SectionName}:Mode must be Smtp to build an SmtpUpstream");
        }
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid upstream options: " + string.Join("; ", errors), nameof(options));
        }
        _logger = loggerFactory.CreateLogger<SmtpUpstream>();
        _pool = new SmtpConnectionPool(new SmtpConnector(options, timeProvider), options.MaxConnections);
        _attempt = new SmtpDeliveryAttempt(_pool);
        _pipeline = DeliveryPipeline.Build(options, timeProvider, _logger, _circuit);
    }

    /// <summary>True while the relay is judged down and sends are deferred without trying (for health checks).</summary>
    public bool IsCircuitOpen => _circuit.CircuitState is CircuitState.Open or CircuitState.Isolated;

    public async Task<DeliveryOutcome> SendAsync(string mailFrom, IReadOnlyList<string> recipients, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mailFrom);
        ArgumentNullException.ThrowIfNull(recipients);
        ArgumentNullException.ThrowIfNull(content);

        var transaction = SmtpTransaction.Create(mailFrom, recipients);
        if (transaction.Unsendable is { } unsendable)
        {
            return unsendable;
        }
        RawContent raw;
        try
        {
            raw = await RawContent.CaptureAsync(content, cancellationToken);
        }
        catch (IOException e)
        {
            // The spool's copy, not the relay, is the problem; say so rather than blame the upstream.
            DeliveryLog.Deferred(_logger, e.GetType().Name);
            return transaction.All(RecipientStatus.Deferred, $"message content could not be read: {e.GetType().Name}");
        }
        await using (raw)
        {
            return await SendWithResilienceAsync(transaction, raw, cancellationToken);
        }
    }

    private async Task<DeliveryOutcome> SendWithResilienceAsync(SmtpTransaction transaction, RawContent raw, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.ExecuteAsync(
                static (state, token) => state.Attempt.RunAsync(state.Transaction, state.Raw, token),
                (Attempt: _attempt, Transaction: transaction, Raw: raw),
                cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (BrokenCircuitException)
        {
            return transaction.All(RecipientStatus.Deferred, CircuitOpenReply);
        }
        catch (Exception e)
        {
            DeliveryLog.Deferred(_logger, e.GetType().Name);
            return transaction.All(RecipientStatus.Deferred, ReplyFor(e));
        }
    }

    // Whole-message failures that survived the retries. 5xx never gets here (SmtpDeliveryAttempt settles it).
    private static string ReplyFor(Exception exception) => exception switch
    {
        SmtpCommandException command => SmtpReplies.Format(command),
        TimeoutRejectedException => TimedOutReply,
        _ => $"upstream error: {exception.GetType().Name}: {exception.Message}",
    };

    public ValueTask DisposeAsync() => _pool.DisposeAsync();
}
