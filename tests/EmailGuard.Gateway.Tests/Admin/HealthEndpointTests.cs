using System.Text.Json;
using EmailGuard.Gateway.Delivery;
using EmailGuard.Gateway.Policy;
using EmailGuard.Gateway.Tests.Support;

namespace EmailGuard.Gateway.Tests.Admin;

[TestFixture]
public sealed class HealthEndpointTests
{
    [Test]
    public async Task Live_and_ready_answer_200_on_a_healthy_gateway()
    {
        await using var gateway = await TestGateway.StartAsync();

        var live = await gateway.AdminGetAsync("/health/live");
        var ready = await gateway.AdminGetAsync("/health/ready");

        Assert.That(live.Status, Is.EqualTo(200));
        Assert.That(ready.Status, Is.EqualTo(200), ready.Body);
        using var json = JsonDocument.Parse(ready.Body);
        Assert.That(json.RootElement.GetProperty("status").GetString(), Is.EqualTo("ready"));
        foreach (var check in new[] { "spool", "policy", "upstream" })
        {
            Assert.That(json.RootElement.GetProperty("checks").GetProperty(check).GetProperty("ok").GetBoolean(), Is.True, check);
        }
    }

    [Test]
    public async Task Ready_fails_with_the_reason_while_a_policy_reload_is_refused_and_recovers_when_fixed()
    {
        await using var gateway = await TestGateway.StartAsync();
        var pupils = Path.Combine(gateway.ConfigDirectory, "directory", "pupils.csv");
        var good = await File.ReadAllTextAsync(pupils);
        await File.WriteAllTextAsync(pupils, good + "B456,Only,Three,Columns\n");

        Assert.That(gateway.Service<FilePolicySource>().Reload(), Is.False);
        var broken = await gateway.AdminGetAsync("/health/ready");
        var live = await gateway.AdminGetAsync("/health/live");

        Assert.That(broken.Status, Is.EqualTo(503));
        Assert.That(live.Status, Is.EqualTo(200), "a refused reload keeps the last good policy: the process is alive");
        using (var json = JsonDocument.Parse(broken.Body))
        {
            var policy = json.RootElement.GetProperty("checks").GetProperty("policy");
            Assert.That(policy.GetProperty("ok").GetBoolean(), Is.False);
            Assert.That(policy.GetProperty("detail").GetString(), Does.Contain("directory/pupils.csv:3"));
            Assert.That(policy.GetProperty("detail").GetString(), Does.Contain("last good policy"));
        }
        var (_, metrics) = await gateway.AdminGetAsync("/metrics");
        Assert.That(Exposition.Sample(metrics, "emailguard_policy_reload_failed"), Is.EqualTo(1));

        await File.WriteAllTextAsync(pupils, good);
        Assert.That(gateway.Service<FilePolicySource>().Reload(), Is.True);
        Assert.That((await gateway.AdminGetAsync("/health/ready")).Status, Is.EqualTo(200));
    }

    [Test]
    public async Task Ready_fails_while_the_upstream_circuit_is_open()
    {
        var upstream = new CircuitUpstream { IsCircuitOpen = true };
        await using var gateway = await TestGateway.StartAsync(upstream: upstream);

        var (status, body) = await gateway.AdminGetAsync("/health/ready");
        var (_, metrics) = await gateway.AdminGetAsync("/metrics");

        Assert.That(status, Is.EqualTo(503));
        using var json = JsonDocument.Parse(body);
        var check = json.RootElement.GetProperty("checks").GetProperty("upstream");
        Assert.That(check.GetProperty("ok").GetBoolean(), Is.False);
        Assert.That(check.GetProperty("detail").GetString(), Does.Contain("circuit open"));
        Assert.That(Exposition.Sample(metrics, "emailguard_upstream_circuit_open"), Is.EqualTo(1));

        upstream.IsCircuitOpen = false;
        Assert.That((await gateway.AdminGetAsync("/health/ready")).Status, Is.EqualTo(200));
    }

    [Test]
    public async Task Ready_fails_when_a_real_smtp_upstream_is_down_and_its_circuit_opens()
    {
        await using var sink = await SmtpSink.StartAsync();
        var port = sink.Port;
        await sink.StopAsync();
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["EmailGuard:Upstream:Mode"] = "Smtp",
            ["EmailGuard:Upstream:Host"] = "127.0.0.1",
            ["EmailGuard:Upstream:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["EmailGuard:Upstream:Tls"] = "None",
            ["EmailGuard:Upstream:Retry:MaxAttempts"] = "3",
            ["EmailGuard:Upstream:Retry:BaseDelay"] = "00:00:00.01",
            ["EmailGuard:Upstream:CircuitBreaker:MinimumThroughput"] = "2",
            ["EmailGuard:Upstream:CircuitBreaker:BreakDuration"] = "00:05:00",
        });
        Assert.That((await gateway.AdminGetAsync("/health/ready")).Status, Is.EqualTo(200));

        await using (var client = await gateway.ConnectAsync())
        {
            Assert.That(await client.BeginAsync("staff@trust.test", "parent@example.org"), Does.StartWith("354"));
            await client.SendRawAsync(System.Text.Encoding.ASCII.GetBytes("From: staff@trust.test\r\nSubject: Trip\r\n\r\nHello.\r\n.\r\n"));
            Assert.That(await client.ReadReplyAsync(), Does.StartWith("250"));
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var (status, body) = await gateway.AdminGetAsync("/health/ready");
        while (status != 503 && !cts.IsCancellationRequested)
        {
            await Task.Delay(20);
            (status, body) = await gateway.AdminGetAsync("/health/ready");
        }
        Assert.That(status, Is.EqualTo(503), body);
        Assert.That(body, Does.Contain("circuit open"));
        Assert.That((await gateway.AdminGetAsync("/health/live")).Status, Is.EqualTo(200));
    }

    [Test]
    public async Task A_gauge_that_cannot_be_read_leaves_the_rest_of_the_scrape_and_health_serving()
    {
        await using var gateway = await TestGateway.StartAsync();
        Directory.Delete(Path.Combine(gateway.DataDirectory, "spool", "hold"));

        var (status, body) = await gateway.AdminGetAsync("/metrics");

        Assert.That(status, Is.EqualTo(200));
        Assert.That(Exposition.Sample(body, "emailguard_messages_received_total"), Is.EqualTo(0));
        Assert.That((await gateway.AdminGetAsync("/health/live")).Status, Is.EqualTo(200));
    }

    [Test]
    public async Task With_the_admin_endpoint_disabled_mail_still_flows_and_nothing_else_listens()
    {
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["EmailGuard:Admin:Enabled"] = "false" });

        await using var client = await gateway.ConnectAsync();
        Assert.That(await client.BeginAsync("staff@trust.test", "parent@example.org"), Does.StartWith("354"));
        await client.SendRawAsync("Subject: Trip\r\n\r\nHello.\r\n.\r\n"u8.ToArray());
        Assert.That(await client.ReadReplyAsync(), Does.StartWith("250"));
        Assert.That(gateway.TryService<EmailGuard.Gateway.Admin.AdminServer>(), Is.Null);
    }

    [Test]
    public async Task Unknown_paths_are_404()
    {
        await using var gateway = await TestGateway.StartAsync();
        Assert.That((await gateway.AdminGetAsync("/admin")).Status, Is.EqualTo(404));
    }

    private sealed class CircuitUpstream : IUpstream, IUpstreamCircuit
    {
        public bool IsCircuitOpen { get; set; }

        public Task<DeliveryOutcome> SendAsync(string mailFrom, IReadOnlyList<string> recipients, Stream content, CancellationToken cancellationToken) =>
            Task.FromResult(new DeliveryOutcome(recipients.Select(r => new RecipientResult(r, RecipientStatus.Deferred, "circuit open")).ToList()));

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
