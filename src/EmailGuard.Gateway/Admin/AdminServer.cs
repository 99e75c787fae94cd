using System.Diagnostics.Metrics;
using System.Net;
using EmailGuard.Gateway.Hosting;
using EmailGuard.Gateway.Metrics;
using EmailGuard.Gateway.Options;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace EmailGuard.Gateway.Admin;

/// <summary>
/// The admin endpoint: <c>/metrics</c> from OpenTelemetry's Prometheus exporter, <c>/health/live</c> and
/// <c>/health/ready</c>, on one small Kestrel app of its own. It is a separate app inside the gateway's host so the
/// SMTP service carries no web pipeline, and it shares the gateway's <see cref="IMeterFactory"/> so the exporter
/// listens only to this gateway's meter (<see cref="MeterScope.Local"/>): by name alone it would also sum every other
/// meter called "EmailGuard" in the process.
/// </summary>
public sealed class AdminServer(
    IOptions<AdminOptions> options,
    GatewayMetrics metrics,
    ReadinessCheck readiness,
    IMeterFactory meters,
    ILoggerFactory loggers,
    IHostApplicationLifetime lifetime) : IHostedService, IAsyncDisposable
{
    /// <summary>The name OpenTelemetry registers its metrics listener under (OpenTelemetry.Extensions.Hosting).</summary>
    private const string OpenTelemetryListener = "OpenTelemetry";

    private readonly TaskCompletionSource<IPEndPoint> _bound = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ILogger _logger = loggers.CreateLogger<AdminServer>();
    private WebApplication? _app;

    /// <summary>Where the endpoint bound (port 0 becomes a real port).</summary>
    public Task<IPEndPoint> Bound => _bound.Task;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "EmailGuard.Admin" });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(options.Value.ParsedEndpoint);
            // Three read-only pages: a scraper or probe needs neither big headers nor a slow start.
            kestrel.Limits.MaxRequestHeadersTotalSize = 8192;
            kestrel.Limits.MaxRequestBodySize = 0;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(5);
            kestrel.Limits.MaxConcurrentConnections = 64;
        });
        var services = builder.Services;
        services.AddLogging(logging => logging
            .AddProvider(new GatewayLogs(loggers))
            // Kestrel logs two lines per request at Information: a scrape every 15 s is not news. A bind failure
            // is logged once, by us (4005), not again with a stack trace by this app's host.
            .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
            .AddFilter("Microsoft.Extensions.Hosting", LogLevel.None)
            .AddFilter("Microsoft.Hosting", LogLevel.None));
        services.AddSingleton(meters);
        services.AddSingleton<IHostLifetime, GatewayOwnsLifetime>();
        services.AddRoutingCore();
        services.AddMetrics(m => m.EnableMetrics(GatewayMetrics.MeterName, instrumentName: null, OpenTelemetryListener, MeterScope.Local));
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("emailguard", serviceVersion: GatewayHost.Version, autoGenerateServiceInstanceId: false))
            // No response cache: a scrape right after a message must show it (Prometheus scrapes every 15 s or so anyway).
            .WithMetrics(m => m.AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));

        var app = builder.Build();
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapGet("/health/live", () => Results.Json(new { status = "live" }));
        app.MapGet("/health/ready", Ready);
        // Bind before the host reports started, so a taken port fails start-up rather than a later health check.
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e)
        {
            // Port in use or address not local: a clear line and a non-zero exit, as for the SMTP port.
            await app.DisposeAsync();
            AdminLog.CannotListen(_logger, e.Message);
            Environment.ExitCode = 1;
            lifetime.StopApplication();
            return;
        }
        _app = app;
        metrics.StartAtZero();

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var uri = new Uri(address);
        var endpoint = new IPEndPoint(IPAddress.Parse(uri.Host.Trim('[', ']')), uri.Port);
        _bound.TrySetResult(endpoint);
        AdminLog.Listening(_logger, endpoint);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private IResult Ready()
    {
        var checks = readiness.Run();
        foreach (var failed in checks.Where(c => !c.Ok))
        {
            AdminLog.NotReady(_logger, failed.Name, failed.Detail);
        }
        return Results.Text(ReadinessCheck.ToJson(checks), "application/json",
            statusCode: checks.All(c => c.Ok) ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>Writes the admin app's logs through the gateway's own providers (console, JSON) and filters.</summary>
    private sealed class GatewayLogs(ILoggerFactory gateway) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => gateway.CreateLogger(categoryName);

        public void Dispose()
        {
        }
    }

    /// <summary>
    /// The gateway's host owns Ctrl+C and SIGTERM and stops this app with everything else; the default console
    /// lifetime would catch the same signals a second time and print its own banner.
    /// </summary>
    private sealed class GatewayOwnsLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
