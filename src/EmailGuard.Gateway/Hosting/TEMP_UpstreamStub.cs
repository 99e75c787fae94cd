namespace EmailGuard.Gateway.Delivery;

// Compile stub until the delivery branch merges; deleted then.
public sealed class UpstreamOptions
{
    public const string SectionName = "EmailGuard:Upstream";
    public string PickupDirectory { get; set; } = "outbox";
    public IReadOnlyList<string> Validate() => [];
}

public static class UpstreamFactory
{
    public static IUpstream Create(UpstreamOptions o, string dataDirectory, TimeProvider time, Microsoft.Extensions.Logging.ILoggerFactory loggers) => throw new NotImplementedException();
}
