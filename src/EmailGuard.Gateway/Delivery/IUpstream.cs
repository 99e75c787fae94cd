namespace EmailGuard.Gateway.Delivery;

/// <summary>
/// Where accepted mail goes next: the Trust's smart host, or a pickup directory. Implementations never throw
/// for delivery problems (only <see cref="OperationCanceledException"/>): every recipient gets a result.
/// </summary>
public interface IUpstream : IAsyncDisposable
{
    /// <param name="mailFrom">MAIL FROM exactly as received; empty for the null sender.</param>
    /// <param name="recipients">RCPT TO exactly as received.</param>
    /// <param name="content">The message bytes to send as DATA, unaltered (the caller owns the stream).</param>
    Task<DeliveryOutcome> SendAsync(string mailFrom, IReadOnlyList<string> recipients, Stream content, CancellationToken cancellationToken);
}

public enum RecipientStatus
{
    /// <summary>The upstream accepted the message for this recipient.</summary>
    Delivered,
    /// <summary>Temporary failure (4xx, connection or protocol trouble, circuit open): try again later.</summary>
    Deferred,
    /// <summary>Permanent failure (5xx): never retry; the sender may get a non-delivery notice.</summary>
    Failed,
}

public sealed record RecipientResult(string Recipient, RecipientStatus Status, string Reply);

public sealed record DeliveryOutcome(IReadOnlyList<RecipientResult> Recipients);
