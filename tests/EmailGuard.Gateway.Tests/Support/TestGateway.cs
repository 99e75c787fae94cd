using System.Net;
using EmailGuard.Gateway.Admin;
using EmailGuard.Gateway.Delivery;
using EmailGuard.Gateway.Hosting;
using EmailGuard.Gateway.Receive;
using EmailGuard.Gateway.Spool;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EmailGuard.Gateway.Tests.Support;

/// <summary>
/// A real EmailGuard host on 127.0.0.1:0 with its own temp config and data directories. Settings are overrides
/// on top of a minimal config file; the upstream can be replaced (e.g. with a sink's address via overrides).
/// </summary>
internal sealed class TestGateway : IAsyncDisposable
{
    private readonly IHost _host;

    private TestGateway(IHost host, string root, IPEndPoint endpoint)
    {
        _host = host;
        Root = root;
        Endpoint = endpoint;
    }

    public string Root { get; }

    public IPEndPoint Endpoint { get; }

    public string DataDirectory => Path.Combine(Root, "data");

    public MessageSpool Spool => _host.Services.GetRequiredService<MessageSpool>();

    public T Service<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    public T? TryService<T>() where T : class => _host.Services.GetService<T>();

    public string ConfigDirectory => Path.Combine(Root, "config");

    /// <param name="configure">Last word on the services, e.g. a FakeTimeProvider as the TimeProvider.</param>
    public static async Task<TestGateway> StartAsync(IDictionary<string, string?>? settings = null, IUpstream? upstream = null, string? root = null, string? policyJson = null, Action<IServiceCollection>? configure = null)
    {
        root ??= Directory.CreateTempSubdirectory("emailguard-test-").FullName;
        var config = Path.Combine(root, "config");
        Directory.CreateDirectory(config);
        await File.WriteAllTextAsync(Path.Combine(config, GatewayHost.ConfigFileName), $$"""
            { "EmailGuard": { "ServerName": "gateway.test", "DataDirectory": {{System.Text.Json.JsonSerializer.Serialize(Path.Combine(root, "data"))}}, {{policyJson ?? DefaultPolicy}} } }
            """);
        Directory.CreateDirectory(Path.Combine(config, "directory"));
        await File.WriteAllTextAsync(Path.Combine(config, "directory", "pupils.csv"),
            "upn,first_name,last_name,preferred_name,email,personal_emails\nA123,Zoe,Pupilson,,zoe.pupilson@pupils.trust.test,zoe.home@example.com\n");
        await File.WriteAllTextAsync(Path.Combine(config, "directory", "staff.csv"),
            "first_name,last_name,email\nSam,Staff,staff@trust.test\n");
        Directory.CreateDirectory(Path.Combine(config, "lexicon"));
        await File.WriteAllTextAsync(Path.Combine(config, "lexicon", "safety-lexicon.csv"), TempConfig.MinimalLexicon);
        var overrides = new Dictionary<string, string?>
        {
            ["EmailGuard:DataDirectory"] = Path.Combine(root, "data"),
            ["EmailGuard:Smtp:Endpoints:0"] = "127.0.0.1:0",
            ["EmailGuard:Admin:Endpoint"] = "127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            overrides[k] = v;
        }
        var host = GatewayHost.Build(config, [], services =>
        {
            if (upstream is not null)
            {
                services.AddSingleton(upstream);
            }
            configure?.Invoke(services);
        }, overrides);
        await host.StartAsync();
        var bound = await host.Services.GetRequiredService<SmtpReceiver>().Bound.WaitAsync(TimeSpan.FromSeconds(10));
        return new TestGateway(host, root, bound[0]);
    }

    /// <summary>A Trust with one domain and two staff accounts; rules as the engine defaults them.</summary>
    public const string DefaultPolicy = """
        "Policy": { "TrustDomains": ["trust.test"], "PupilDomains": ["pupils.trust.test"], "ApprovedAccounts": ["staff@trust.test", "office@trust.test"] }
        """;


    /// <summary>GET a page of the admin endpoint: status code and body.</summary>
    public async Task<(int Status, string Body)> AdminGetAsync(string path)
    {
        var admin = await Service<AdminServer>().Bound.WaitAsync(TimeSpan.FromSeconds(10));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var response = await http.GetAsync(new Uri($"http://{admin}{path}"));
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public Task<RawSmtpClient> ConnectAsync() => RawSmtpClient.ConnectAsync(Endpoint);

    /// <summary>Stops the host, keeping the directories (for restart tests).</summary>
    public async Task StopAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync();
        }
        catch (ObjectDisposedException)
        {
        }
        _host.Dispose();
    }
}
