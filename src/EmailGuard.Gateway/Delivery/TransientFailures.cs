using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using Polly.Timeout;

namespace EmailGuard.Gateway.Delivery;

/// <summary>Which whole-message failures are worth another try now, and count against the relay's health.</summary>
internal static class TransientFailures
{
    /// <remarks>
    /// Never a 5xx (the relay has decided), never the caller's cancellation, never configuration trouble
    /// (bad credentials, certificate): retrying those only delays the Deferred the queue runner needs.
    /// </remarks>
    public static bool IsTransient(Exception? exception) => exception switch
    {
        SmtpCommandException command => SmtpReplies.IsTemporary(command.StatusCode),
        SmtpProtocolException or ServiceNotConnectedException => true,
        IOException or SocketException => true,
        TimeoutRejectedException or TimeoutException => true,
        _ => false,
    };
}
