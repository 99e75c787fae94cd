using System.Diagnostics.Metrics;
using EmailGuard.Gateway.Metrics;

namespace EmailGuard.Gateway.Tests.Metrics;

public class PrometheusExpositionTests
{
    [Test]
    public void Counters_sum_per_label_set_and_label_values_are_escaped()
    {
        using var meter = new Meter("EmailGuard.Test." + Guid.NewGuid().ToString("N"));
        var counter = meter.CreateCounter<long>("test.things", "{thing}", "Things \\ counted\nover lines.");
        using var exposition = new PrometheusExposition(meter);

        counter.Add(2, new KeyValuePair<string, object?>("rule", "a"), new KeyValuePair<string, object?>("action", "hold"));
        counter.Add(3, new KeyValuePair<string, object?>("action", "hold"), new KeyValuePair<string, object?>("rule", "a"));
        counter.Add(1, new KeyValuePair<string, object?>("rule", "q\"x\\y\nz"));
        var text = exposition.Scrape();

        Assert.That(text, Does.Contain("# HELP test_things_total Things \\\\ counted\\nover lines.\n"));
        Assert.That(text, Does.Contain("# TYPE test_things_total counter\n"));
        Assert.That(text, Does.Contain("test_things_total{action=\"hold\",rule=\"a\"} 5\n"), "tag order does not split a series");
        Assert.That(text, Does.Contain("test_things_total{rule=\"q\\\"x\\\\y\\nz\"} 1\n"));
    }

    [Test]
    public void Histograms_have_cumulative_buckets_sum_and_count_in_seconds()
    {
        using var meter = new Meter("EmailGuard.Test." + Guid.NewGuid().ToString("N"));
        var histogram = meter.CreateHistogram<double>("test.duration", "s");
        using var exposition = new PrometheusExposition(meter);

        histogram.Record(0.0002);
        histogram.Record(0.003);
        histogram.Record(20);
        var text = exposition.Scrape();

        Assert.That(text, Does.Contain("# TYPE test_duration_seconds histogram\n"));
        Assert.That(text, Does.Contain("test_duration_seconds_bucket{le=\"0.0001\"} 0\n"));
        Assert.That(text, Does.Contain("test_duration_seconds_bucket{le=\"0.00025\"} 1\n"));
        Assert.That(text, Does.Contain("test_duration_seconds_bucket{le=\"0.005\"} 2\n"));
        Assert.That(text, Does.Contain("test_duration_seconds_bucket{le=\"10\"} 2\n"));
        Assert.That(text, Does.Contain("test_duration_seconds_bucket{le=\"+Inf\"} 3\n"));
        Assert.That(text, Does.Contain("test_duration_seconds_sum 20.0032\n"));
        Assert.That(text, Does.Contain("test_duration_seconds_count 3\n"));
    }

    [Test]
    public void Observable_gauges_are_read_at_each_scrape_and_other_meters_are_ignored()
    {
        using var meter = new Meter("EmailGuard.Test." + Guid.NewGuid().ToString("N"));
        using var other = new Meter("EmailGuard.Other." + Guid.NewGuid().ToString("N"));
        var depth = 1;
        meter.CreateObservableGauge("test.depth", () => depth);
        other.CreateCounter<long>("other.things").Add(1);
        using var exposition = new PrometheusExposition(meter);

        var first = exposition.Scrape();
        depth = 7;
        var second = exposition.Scrape();

        Assert.That(first, Does.Contain("test_depth 1\n"));
        Assert.That(second, Does.Contain("test_depth 7\n"));
        Assert.That(second, Does.Not.Contain("other_things"));
    }
}
