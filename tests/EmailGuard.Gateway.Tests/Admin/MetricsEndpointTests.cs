using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using EmailGuard.Gateway.Tests.Support;

namespace EmailGuard.Gateway.Tests.Admin;

/// <summary>Messages through a real gateway, then a scrape of its admin endpoint over 127.0.0.1.</summary>
[TestFixture]
public sealed partial class MetricsEndpointTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static string Message(string subject, string to = "parent@example.org") =>
        $"From: staff@trust.test\r\nTo: {to}\r\nSubject: {subject}\r\nMessage-ID: <{Guid.NewGuid():N}@trust.test>\r\n\r\nHello.\r\n";

    private static async Task<string?> SendAsync(TestGateway gateway, string to, string message)
    {
        await using var client = await gateway.ConnectAsync();
        Assert.That(await client.BeginAsync("staff@trust.test", to), Does.StartWith("354"));
        await client.SendRawAsync(Encoding.ASCII.GetBytes(message + ".\r\n"));
        return await client.ReadReplyAsync();
    }

    private static async Task<string> ScrapeWhenAsync(TestGateway gateway, Func<string, bool> condition)
    {
        using var cts = new CancellationTokenSource(Patience);
        while (true)
        {
            var (status, body) = await gateway.AdminGetAsync("/metrics");
            Assert.That(status, Is.EqualTo(200));
            if (condition(body) || cts.IsCancellationRequested)
            {
                return body;
            }
            await Task.Delay(20);
        }
    }

    [Test]
    public async Task Counters_move_for_forwarded_held_and_rejected_messages_tagged_by_rule()
    {
        await using var gateway = await TestGateway.StartAsync();

        Assert.That(await SendAsync(gateway, "parent@example.org", Message("Trip letter")), Does.StartWith("250"));
        Assert.That(await SendAsync(gateway, "parent@example.org", Message("Zoe Pupilson behaviour")), Does.StartWith("550"));
        Assert.That(await SendAsync(gateway, "zoe.home@example.com", Message("Homework")), Does.StartWith("250"));

        var (status, body) = await gateway.AdminGetAsync("/metrics");
        Assert.That(status, Is.EqualTo(200));
        Assert.Multiple(() =>
        {
            Assert.That(Exposition.Sample(body, "emailguard_messages_received_total"), Is.EqualTo(3));
            Assert.That(Exposition.Sample(body, "emailguard_messages_forwarded_total{rule=\"none\"}"), Is.EqualTo(1));
            Assert.That(Exposition.Sample(body, "emailguard_messages_rejected_total{rule=\"subject-names-individual\"}"), Is.EqualTo(1));
            Assert.That(Exposition.Sample(body, "emailguard_messages_held_total{rule=\"pupil-contact\"}"), Is.EqualTo(1));
            Assert.That(Exposition.Sample(body, "emailguard_rule_findings_total{action=\"reject\",observe=\"false\",rule=\"subject-names-individual\"}"), Is.EqualTo(1));
            Assert.That(Exposition.Sample(body, "emailguard_queue_depth{area=\"hold\"}"), Is.EqualTo(1));
            Assert.That(Exposition.Sample(body, "emailguard_queue_oldest_age_seconds{area=\"hold\"}"), Is.GreaterThanOrEqualTo(0));
            Assert.That(Exposition.Sample(body, "emailguard_message_parse_duration_seconds_count"), Is.EqualTo(3));
            Assert.That(Exposition.Sample(body, "emailguard_message_pipeline_duration_seconds_count"), Is.EqualTo(3));
            Assert.That(Exposition.Sample(body, "emailguard_message_pipeline_duration_seconds_bucket{le=\"+Inf\"}"), Is.EqualTo(3));
            Assert.That(Exposition.Sample(body, "emailguard_upstream_circuit_open"), Is.EqualTo(0));
            Assert.That(body, Does.Contain("# TYPE emailguard_messages_received_total counter"));
            Assert.That(body, Does.Contain("# TYPE emailguard_message_parse_duration_seconds histogram"));
            // Bucket bounds in seconds from the instrument's advice, not the exporter's millisecond defaults.
            Assert.That(Exposition.Sample(body, "emailguard_message_pipeline_duration_seconds_bucket{le=\"0.001\"}"), Is.Not.Null);
            Assert.That(Exposition.Sample(body, "target_info{service_name=\"emailguard\"}"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Two_gateways_in_one_process_each_count_only_their_own_messages()
    {
        await using var first = await TestGateway.StartAsync();
        await using var second = await TestGateway.StartAsync();

        Assert.That(await SendAsync(first, "parent@example.org", Message("Trip letter")), Does.StartWith("250"));
        Assert.That(await SendAsync(first, "parent@example.org", Message("Kit list")), Does.StartWith("250"));
        Assert.That(await SendAsync(second, "parent@example.org", Message("Menu")), Does.StartWith("250"));

        Assert.That(Exposition.Sample((await first.AdminGetAsync("/metrics")).Body, "emailguard_messages_received_total"), Is.EqualTo(2));
        Assert.That(Exposition.Sample((await second.AdminGetAsync("/metrics")).Body, "emailguard_messages_received_total"), Is.EqualTo(1));
    }

    [Test]
    public async Task Counters_are_exposed_at_zero_before_the_first_message()
    {
        await using var gateway = await TestGateway.StartAsync();

        var (_, body) = await gateway.AdminGetAsync("/metrics");

        Assert.That(Exposition.Sample(body, "emailguard_messages_received_total"), Is.EqualTo(0));
        Assert.That(Exposition.Sample(body, "emailguard_messages_forwarded_total{rule=\"none\"}"), Is.EqualTo(0));
        Assert.That(Exposition.Sample(body, "emailguard_delivery_attempts_total"), Is.EqualTo(0));
        Assert.That(Exposition.Sample(body, "emailguard_queue_depth{area=\"queue\"}"), Is.EqualTo(0));
        Assert.That(Exposition.Sample(body, "emailguard_smtp_sessions_active"), Is.EqualTo(0));
    }

    [Test]
    public async Task Exposition_carries_no_addresses_subjects_or_pupil_names()
    {
        await using var gateway = await TestGateway.StartAsync();
        Assert.That(await SendAsync(gateway, "parent@example.org", Message("Zoe Pupilson behaviour")), Does.StartWith("550"));

        var (_, body) = await gateway.AdminGetAsync("/metrics");

        Assert.That(body, Does.Not.Contain("@"));
        Assert.That(body, Does.Not.Contain("Pupilson").IgnoreCase);
        Assert.That(body, Does.Not.Contain("behaviour"));
        // Every sample line is name{labels} value: the text format a Prometheus server parses.
        foreach (var line in body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')))
        {
            Assert.That(SampleLine().IsMatch(line), line);
        }
    }

    [Test]
    public async Task Delivery_attempts_are_counted_and_the_active_session_gauge_follows_clients()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["EmailGuard:Upstream:Mode"] = "Smtp",
            ["EmailGuard:Upstream:Host"] = "127.0.0.1",
            ["EmailGuard:Upstream:Port"] = sink.Port.ToString(CultureInfo.InvariantCulture),
            ["EmailGuard:Upstream:Tls"] = "None",
        });

        Assert.That(await SendAsync(gateway, "parent@example.org", Message("Trip letter")), Does.StartWith("250"));
        await sink.WaitForMessagesAsync(1, Patience);
        var body = await ScrapeWhenAsync(gateway, b => Exposition.Sample(b, "emailguard_delivery_delivered_total") == 1);
        Assert.That(Exposition.Sample(body, "emailguard_delivery_attempts_total"), Is.EqualTo(1));
        Assert.That(Exposition.Sample(body, "emailguard_delivery_delivered_total"), Is.EqualTo(1));

        await using var open = await gateway.ConnectAsync();
        body = await ScrapeWhenAsync(gateway, b => Exposition.Sample(b, "emailguard_smtp_sessions_active") == 1);
        Assert.That(Exposition.Sample(body, "emailguard_smtp_sessions_active"), Is.EqualTo(1));
    }

    [GeneratedRegex("""^[a-z_]+(\{([a-z_]+="[^"]*",?)+\})? -?[0-9.eE+-]+$""")]
    private static partial Regex SampleLine();
}
