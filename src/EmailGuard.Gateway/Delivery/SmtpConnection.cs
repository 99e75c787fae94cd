using System.Net.Sockets;

namespace EmailGuard.Gateway.Delivery;

/// <summary>A connected, greeted (and, if configured, authenticated) client with the socket under it.</summary>
internal sealed class SmtpConnection(DeliverySmtpClient client, Socket socket) : IDisposable
{
    public DeliverySmtpClient Client { get; } = client;

    /// <summary>
    /// False when the relay has closed the connection while it sat idle (timeout, restart). MailKit only
    /// notices on the next command, which would cost a failed try and a retry delay; a readable idle
    /// socket means end-of-stream or an unsolicited reply such as 421, and either way it is done.
    /// </summary>
    public bool IsAlive
    {
        get
        {
            if (!Client.IsConnected)
            {
                return false;
            }
            try
            {
                return !socket.Poll(0, SelectMode.SelectRead);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return false;
            }
        }
    }

    /// <summary>Polite QUIT; a relay that is already gone is not an error at shutdown.</summary>
    public async Task QuitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception)
        {
            // Best effort only: the socket is closed by Dispose either way.
        }
    }

    public void Dispose()
    {
        Client.Dispose();
        socket.Dispose();
    }
}
