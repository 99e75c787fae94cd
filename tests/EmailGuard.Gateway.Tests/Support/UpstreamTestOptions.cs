using EmailGuard.Gateway.Delivery;

namespace EmailGuard.Gateway.Tests.Support;

/// <summary>Options pointing at a sink, with no retry delays so tests never wait on the clock.</summary>
internal static class UpstreamTestOptions
{
    public static UpstreamOptions For(SmtpSink sink, int maxAttempts = 3) => new()
    {
        Mode = UpstreamMode.Smtp,
        Host = "127.0.0.1",
        Port = sink.Port,
        Tls = UpstreamTls.None,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        CommandTimeout = TimeSpan.FromSeconds(30),
        AttemptTimeout = TimeSpan.FromSeconds(60),
        TotalTimeout = TimeSpan.FromSeconds(120),
        Retry = { MaxAttempts = maxAttempts, BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero },
    };
}
