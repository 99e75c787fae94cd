using System.Net;
using System.Security.Authentication;
using EmailGuard.Gateway.Metrics;
using EmailGuard.Gateway.Actions;
using EmailGuard.Gateway.Options;
using EmailGuard.Gateway.Policy;
using EmailGuard.Gateway.Queue;
using EmailGuard.Gateway.Spool;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmtpServer;
using SmtpServer.ComponentModel;

namespace EmailGuard.Gateway.Receive;

/// <summary>Runs SmtpServer on the configured endpoints with EmailGuard's listener, filter, store and authenticator.</summary>
public sealed class SmtpReceiver : BackgroundService
{
    private readonly SmtpServer.SmtpServer _server;
    private readonly GuardedListenerFactory _listeners;
    private readonly ILogger<SmtpReceiver> _logger;
    private readonly string _endpoints;
    private readonly IHostApplicationLifetime _lifetime;

    public SmtpReceiver(
        IOptions<SmtpOptions> smtpOptions,
        IOptions<GatewayOptions> gatewayOptions,
        MessageSpool spool,
        IPolicySource policy,
        DeliveryQueue queue,
        VerdictActions actions,
        TimeProvider time,
        IHostApplicationLifetime lifetime,
        GatewayMetrics metrics,
        ILoggerFactory loggers)
    {
        _lifetime = lifetime;
        var smtp = smtpOptions.Value;
        _endpoints = string.Join(", ", smtp.Endpoints);
        var gateway = gatewayOptions.Value;
        _logger = loggers.CreateLogger<SmtpReceiver>();
        var endpoints = smtp.ParsedEndpoints;
        var limiter = new SessionLimiter(smtp.MaxSessions, smtp.MaxSessionsPerClient);
        metrics.ObserveActiveSessions(() => limiter.Active);
        _listeners = new GuardedListenerFactory(smtp, limiter, time, _logger, endpoints.Count);
        var certificate = smtp.Tls.Enabled ? CertificateLoader.Load(smtp.Tls) : null;

        var builder = new SmtpServerOptionsBuilder()
            .ServerName(gateway.ServerName)
            // Ignore = SmtpServer only advertises SIZE and checks MAIL's SIZE=; its Strict mode ends an oversized DATA
            // with no reply, so the real size is enforced by our stream (while reading) and store (exactly).
            .MaxMessageSize((int)smtp.MaxMessageSize, MaxMessageSizeHandling.Ignore)
            // SmtpServer drops the connection after this many consecutive error replies; a relay hitting the
            // recipient cap gets one 452 per extra RCPT, so allow plenty.
            .MaxRetryCount(Math.Max(10, smtp.MaxRecipients))
            .CommandWaitTimeout(smtp.CommandTimeout)
            .CustomSmtpGreeting(_ => $"220 {gateway.ServerName} ESMTP EmailGuard");
        foreach (var endpoint in endpoints)
        {
            builder.Endpoint(e =>
            {
                e.Endpoint(endpoint)
                    .SessionTimeout(smtp.SessionTimeout)
                    .SupportedSslProtocols(SslProtocols.Tls12 | SslProtocols.Tls13)
                    .AuthenticationRequired(smtp.Auth.Required);
                if (certificate is not null)
                {
                    e.Certificate(certificate);
                }
            });
        }

        var services = new ServiceProvider();
        services.Add(_listeners);
        services.Add(new EnvelopeFilter(smtp));
        services.Add(new SpoolingMessageStore(smtp, gateway, spool, policy, queue, actions, time, metrics, loggers.CreateLogger<SpoolingMessageStore>()));
        services.Add(new SmtpAuthenticator(smtp.Auth));
        services.Add(new GuardCommandFactory(offerAuth: smtp.Auth.Users.Count > 0));
        _server = new SmtpServer.SmtpServer(builder.Build(), services);
        _server.SessionFaulted += (_, e) => ReceiveLog.SessionFaulted(_logger, e.Exception.GetType().Name);
    }

    /// <summary>Where the listeners actually bound (port 0 in tests becomes a real port).</summary>
    public Task<IReadOnlyList<IPEndPoint>> Bound => _listeners.AllBound;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await _server.StartAsync(stoppingToken);
        }
        catch (System.Net.Sockets.SocketException e)
        {
            // Port in use or address not local: a clear line and a non-zero exit, not a stack trace.
            ReceiveLog.CannotListen(_logger, _endpoints, e.Message);
            Environment.ExitCode = 1;
            _lifetime.StopApplication();
        }
    }
}
