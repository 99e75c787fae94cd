namespace EmailGuard.Gateway.Options;

/// <summary>The queue runner: section <c>EmailGuard:Delivery</c>.</summary>
public sealed class DeliveryOptions
{
    public const string Section = "EmailGuard:Delivery";

    /// <summary>Messages delivered at once. Default 8: enough to keep a pooled upstream busy on 2 cores.</summary>
    public int Workers { get; set; } = 8;

    /// <summary>Give up and tell the sender after this long. Default 5 days, RFC 5321 4.5.4.1.</summary>
    public TimeSpan MaxQueueLifetime { get; set; } = TimeSpan.FromDays(5);

    /// <summary>First wait after a deferral; doubles each attempt. Default 1 minute.</summary>
    public TimeSpan RetryInitialDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Longest wait between attempts. Default 1 hour.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>From address of non-delivery notices. Default postmaster at the server name.</summary>
    public string? PostmasterAddress { get; set; }

    /// <summary>The address every notice comes from: the configured one, or postmaster at the server name.</summary>
    public MimeKit.MailboxAddress Postmaster(GatewayOptions gateway) =>
        MimeKit.MailboxAddress.Parse(PostmasterAddress ?? $"postmaster@{gateway.ServerName}");

    public IEnumerable<string> Validate()
    {
        const string P = "EmailGuard:Delivery:";
        if (Workers is < 1 or > 256)
        {
            yield return P + "Workers must be between 1 and 256.";
        }
        if (MaxQueueLifetime <= TimeSpan.Zero)
        {
            yield return P + "MaxQueueLifetime must be positive.";
        }
        if (RetryInitialDelay <= TimeSpan.Zero || RetryMaxDelay < RetryInitialDelay)
        {
            yield return P + "RetryInitialDelay must be positive and not above RetryMaxDelay.";
        }
        if (PostmasterAddress is { } p && !MimeKit.MailboxAddress.TryParse(p, out _))
        {
            yield return $"{P}PostmasterAddress '{p}' is not an email address.";
        }
    }
}
