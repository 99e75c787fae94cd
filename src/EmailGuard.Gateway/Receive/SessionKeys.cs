namespace EmailGuard.Gateway.Receive;

/// <summary>Keys we put in SmtpServer's per-session property bag.</summary>
internal static class SessionKeys
{
    /// <summary>The client's real address (<see cref="System.Net.IPEndPoint"/>), from the accepted socket, never from PROXY.</summary>
    public const string Client = "EmailGuard:Client";

    /// <summary>The name the client gave in HELO/EHLO, for the Received header.</summary>
    public const string Helo = "EmailGuard:Helo";
}
