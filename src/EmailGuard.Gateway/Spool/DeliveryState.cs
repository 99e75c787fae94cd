namespace EmailGuard.Gateway.Spool;

/// <summary>
/// Progress of one queued message, kept beside it (<c>ID.state</c>). Rewritten after each attempt; losing it on a
/// crash only means recipients already delivered may get the message again (at-least-once), never a lost message.
/// </summary>
public sealed record DeliveryState(
    int Attempts,
    DateTimeOffset NextAttemptAt,
    IReadOnlyList<string> Pending,
    IReadOnlyList<FailedRecipient> Failed,
    string? LastError)
{
    public static DeliveryState Initial(SpoolEnvelope envelope) =>
        new(0, envelope.ReceivedAt, envelope.Recipients, [], null);
}

public sealed record FailedRecipient(string Recipient, string Reply);
