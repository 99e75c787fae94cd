using System.Net;
using System.Net.Sockets;
using System.Text;
using EmailGuard.Gateway.Options;
using Microsoft.Extensions.Logging;
using SmtpServer;
using SmtpServer.IO;
using SmtpServer.Net;
using SmtpServer.Protocol;

namespace EmailGuard.Gateway.Receive;

/// <summary>
/// Accepts client connections and decides, before any SMTP, whether a session may start: the client must be in an
/// allowed network (else 554 5.7.1) and under the session caps (else 421 4.7.0). Sets TCP_NODELAY (a client
/// waiting for each reply otherwise stalls ~40 ms on Nagle + delayed ACK) and arms the read timeouts.
/// </summary>
internal sealed class GuardedEndpointListener : IEndpointListener
{
    private readonly TcpListener _listener;
    private readonly IReadOnlyList<IPNetwork> _allowed;
    private readonly SessionLimiter _limiter;
    private readonly SmtpOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public GuardedEndpointListener(IPEndPoint endpoint, SmtpOptions options, SessionLimiter limiter, TimeProvider time, ILogger logger)
    {
        _allowed = options.ParsedNetworks;
        _limiter = limiter;
        _options = options;
        _time = time;
        _logger = logger;
        _listener = new TcpListener(endpoint);
        _listener.Start(backlog: 512);
        LocalEndpoint = (IPEndPoint)_listener.LocalEndpoint;
        _tooBig = Encoding.ASCII.GetBytes($"552 5.3.4 Message too big: the limit is {options.MaxMessageSize} bytes\r\n");
        // Dot-stuffing and the terminator add to the wire size; the exact limit is checked at end of DATA.
        _dataByteLimit = options.MaxMessageSize + (options.MaxMessageSize / 50) + 1024;
        // Enough to hold a full-size message in each of a tenth of the sessions; more is allocated on demand.
        _segments = new SegmentPool(Math.Max(1, options.MaxSessions / 10) * options.MaxMessageSize);
    }

    private readonly byte[] _tooBig;
    private readonly SegmentPool _segments;
    private readonly long _dataByteLimit;

    public IPEndPoint LocalEndpoint { get; }

    public async Task<ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
    {
        while (true)
        {
            var socket = await _listener.AcceptSocketAsync(cancellationToken);
            var remote = (IPEndPoint)socket.RemoteEndPoint!;
            var client = remote.Address.IsIPv4MappedToIPv6 ? remote.Address.MapToIPv4() : remote.Address;
            if (!IsAllowed(client))
            {
                ReceiveLog.ClientRefused(_logger, "network");
                _ = RefuseAsync(socket, "554 5.7.1 Relay access denied: this gateway accepts mail only from the Trust's own servers");
                continue;
            }
            if (!_limiter.TryEnter(client))
            {
                ReceiveLog.ClientRefused(_logger, "session limit");
                _ = RefuseAsync(socket, "421 4.7.0 Too many connections, try again later");
                continue;
            }
            socket.NoDelay = true;
            context.Properties[EndpointListener.LocalEndPointKey] = LocalEndpoint;
            context.Properties[EndpointListener.RemoteEndPointKey] = remote;
            context.Properties[SessionKeys.Client] = new IPEndPoint(client, remote.Port);
            var stream = new TimeoutStream(new NetworkStream(socket, ownsSocket: true), _options.CommandTimeout, _time);
            WatchCommands(context, stream);
            return new SessionPipe(stream, () => _limiter.Exit(client), _tooBig, _segments);
        }
    }

    private bool IsAllowed(IPAddress client)
    {
        foreach (var network in _allowed)
        {
            if (network.Contains(client))
            {
                return true;
            }
        }
        return false;
    }

    private void WatchCommands(ISessionContext context, TimeoutStream stream)
    {
        var dataTimeout = _options.DataTimeout;
        var dataLimit = _dataByteLimit;
        context.CommandExecuting += (_, e) =>
        {
            switch (e.Command)
            {
                case DataCommand:
                    stream.BeginData(dataTimeout, dataLimit);
                    break;
                case EhloCommand ehlo:
                    context.Properties[SessionKeys.Helo] = ehlo.DomainOrAddress;
                    break;
                case HeloCommand helo:
                    context.Properties[SessionKeys.Helo] = helo.DomainOrAddress;
                    break;
            }
        };
        context.CommandExecuted += (_, e) =>
        {
            if (e.Command is DataCommand)
            {
                stream.EndData();
            }
        };
    }

    private static async Task RefuseAsync(Socket socket, string reply)
    {
        using (socket)
        {
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await socket.SendAsync(Encoding.ASCII.GetBytes(reply + "\r\n"), SocketFlags.None, cts.Token);
                socket.Shutdown(SocketShutdown.Both);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away first; nothing to tell it.
            }
        }
    }

    public void Dispose() => _listener.Stop();
}
