using System.Net;
using System.Net.Sockets;
using System.Text;
using EmailGuard.Gateway.Metrics;
using EmailGuard.Gateway.Options;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmailGuard.Gateway.Admin;

/// <summary>
/// A deliberately small HTTP/1.x server for three read-only pages: <c>/metrics</c>, <c>/health/live</c>,
/// <c>/health/ready</c>. One GET per connection, then close. No framework: it must bind port 0 in tests, cost
/// nothing in the service, and take no request body. Headers beyond <see cref="MaxRequestBytes"/> are refused.
/// </summary>
public sealed class AdminServer(
    IOptions<AdminOptions> options,
    PrometheusExposition metrics,
    ReadinessCheck readiness,
    ILogger<AdminServer> logger) : BackgroundService
{
    /// <summary>Longest request head read (8 KiB, like common proxies' default header buffer).</summary>
    private const int MaxRequestBytes = 8192;

    /// <summary>A client that has not sent its request line and headers by then is dropped.</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);

    private readonly TaskCompletionSource<IPEndPoint> _bound = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TcpListener? _listener;

    /// <summary>Where the endpoint bound (port 0 becomes a real port).</summary>
    public Task<IPEndPoint> Bound => _bound.Task;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Bind before the host reports started, so a taken port fails start-up rather than a later health check.
        _listener = new TcpListener(options.Value.ParsedEndpoint);
        _listener.Start(backlog: 64);
        var endpoint = (IPEndPoint)_listener.LocalEndpoint;
        _bound.TrySetResult(endpoint);
        AdminLog.Listening(logger, endpoint);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var listener = _listener!;
        using var stop = stoppingToken.Register(listener.Stop);
        while (!stoppingToken.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(stoppingToken);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = ServeAsync(socket, stoppingToken);
        }
    }

    private async Task ServeAsync(Socket socket, CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(RequestTimeout);
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        try
        {
            var request = await ReadRequestPathAsync(stream, timeout.Token);
            var (status, type, body) = RespondOrFail(request);
            var head = Encoding.ASCII.GetBytes(
                $"HTTP/1.1 {status}\r\nContent-Type: {type}\r\nContent-Length: {body.Length}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n");
            await stream.WriteAsync(head, timeout.Token);
            if (request.Method != "HEAD")
            {
                await stream.WriteAsync(body, timeout.Token);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or InvalidDataException)
        {
            AdminLog.RequestFailed(logger, e.GetType().Name);
        }
    }

    /// <summary>A page that throws (say, a gauge reading a spool directory that was removed) answers 500, not a dropped connection.</summary>
    private (string Status, string Type, byte[] Body) RespondOrFail((string Method, string Path) request)
    {
        try
        {
            return Respond(request);
        }
        catch (Exception e)
        {
            AdminLog.PageFailed(logger, e, request.Path);
            return ("500 Internal Server Error", "text/plain", Encoding.UTF8.GetBytes($"{e.GetType().Name}\n"));
        }
    }

    private (string Status, string Type, byte[] Body) Respond((string Method, string Path) request)
    {
        if (request.Method is not ("GET" or "HEAD"))
        {
            return ("405 Method Not Allowed", "text/plain", "GET only\n"u8.ToArray());
        }
        var path = request.Path.Split('?', 2)[0];
        switch (path)
        {
            case "/metrics":
                return ("200 OK", PrometheusExposition.ContentType, Encoding.UTF8.GetBytes(metrics.Scrape()));
            case "/health/live":
                return ("200 OK", "application/json", "{\"status\":\"live\"}\n"u8.ToArray());
            case "/health/ready":
                var checks = readiness.Run();
                foreach (var failed in checks.Where(c => !c.Ok))
                {
                    AdminLog.NotReady(logger, failed.Name, failed.Detail);
                }
                return (checks.All(c => c.Ok) ? "200 OK" : "503 Service Unavailable", "application/json", ReadinessCheck.ToJson(checks));
            default:
                return ("404 Not Found", "text/plain", "not found: try /metrics, /health/live, /health/ready\n"u8.ToArray());
        }
    }

    private static async Task<(string Method, string Path)> ReadRequestPathAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxRequestBytes];
        var length = 0;
        while (true)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                throw new InvalidDataException("connection closed before the request ended");
            }
            length += read;
            var head = Encoding.ASCII.GetString(buffer, 0, length);
            if (head.Contains("\r\n\r\n", StringComparison.Ordinal) || head.Contains("\n\n", StringComparison.Ordinal))
            {
                var parts = head[..head.IndexOf('\n', StringComparison.Ordinal)].TrimEnd('\r').Split(' ');
                if (parts.Length != 3 || !parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
                {
                    throw new InvalidDataException("not an HTTP/1.x request line");
                }
                return (parts[0], parts[1]);
            }
            if (length == buffer.Length)
            {
                throw new InvalidDataException("request head too large");
            }
        }
    }
}
