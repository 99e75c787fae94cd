using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace EmailGuard.Gateway.Metrics;

/// <summary>
/// Listens to one <see cref="Meter"/> and renders it in the Prometheus text format (version 0.0.4). Counters become
/// <c>_total</c>, seconds get <c>_seconds</c>, dots become underscores: <c>emailguard.messages.received</c> is
/// <c>emailguard_messages_received_total</c>. Observable gauges are read at scrape time.
/// We render it ourselves rather than take the prerelease OpenTelemetry Prometheus exporter: its HttpListener owns
/// the port (health must share it) and cannot bind port 0 for tests; the instruments stay plain
/// System.Diagnostics.Metrics, so an OpenTelemetry pipeline can still be added by meter name.
/// </summary>
public sealed class PrometheusExposition : IDisposable
{
    /// <summary>Bucket bounds in seconds: parse and policy take well under a millisecond; spool fsync a few.</summary>
    private static readonly double[] Bounds = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly MeterListener _listener = new();
    private readonly List<Series> _series = [];
    private readonly Lock _gate = new();

    public PrometheusExposition(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                var series = new Series(instrument);
                lock (_gate)
                {
                    _series.Add(series);
                }
                listener.EnableMeasurementEvents(instrument, series);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, state) => ((Series)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>((_, value, tags, state) => ((Series)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>((_, value, tags, state) => ((Series)state!).Record(value, tags));
        _listener.Start();
    }

    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Reads the observable gauges and renders every series.</summary>
    public string Scrape()
    {
        lock (_gate)
        {
            foreach (var s in _series.Where(s => s.IsObservable))
            {
                s.Clear();
            }
            _listener.RecordObservableInstruments();
            var text = new StringBuilder();
            foreach (var s in _series.OrderBy(s => s.Name, StringComparer.Ordinal))
            {
                s.Render(text);
            }
            return text.ToString();
        }
    }

    public void Dispose() => _listener.Dispose();

    private sealed class Series(Instrument instrument)
    {
        private readonly Dictionary<string, double> _values = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (long[] Buckets, double Sum, long Count)> _histograms = new(StringComparer.Ordinal);
        private readonly Lock _gate = new();
        private readonly string _kind = instrument switch
        {
            Counter<long> or Counter<int> or Counter<double> or ObservableCounter<long> or ObservableCounter<int> or ObservableCounter<double> => "counter",
            Histogram<long> or Histogram<int> or Histogram<double> => "histogram",
            _ => "gauge",
        };

        public bool IsObservable => instrument.IsObservable;

        public string Name { get; } = PrometheusName(instrument);

        public void Clear()
        {
            lock (_gate)
            {
                _values.Clear();
            }
        }

        public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var key = Labels(tags);
            lock (_gate)
            {
                if (_kind == "histogram")
                {
                    var h = _histograms.TryGetValue(key, out var existing) ? existing : (Buckets: new long[Bounds.Length + 1], Sum: 0d, Count: 0L);
                    var i = 0;
                    while (i < Bounds.Length && value > Bounds[i])
                    {
                        i++;
                    }
                    h.Buckets[i]++;
                    _histograms[key] = (h.Buckets, h.Sum + value, h.Count + 1);
                }
                else if (_kind == "counter" && !IsObservable)
                {
                    _values[key] = _values.GetValueOrDefault(key) + value;
                }
                else
                {
                    _values[key] = value;
                }
            }
        }

        public void Render(StringBuilder text)
        {
            lock (_gate)
            {
                text.Append("# HELP ").Append(Name).Append(' ').Append(Escape(instrument.Description ?? "", help: true)).Append('\n');
                text.Append("# TYPE ").Append(Name).Append(' ').Append(_kind).Append('\n');
                if (_kind != "histogram")
                {
                    foreach (var (labels, value) in _values.OrderBy(v => v.Key, StringComparer.Ordinal))
                    {
                        Line(text, Name, labels, value);
                    }
                    return;
                }
                foreach (var (labels, h) in _histograms.OrderBy(v => v.Key, StringComparer.Ordinal))
                {
                    long cumulative = 0;
                    for (var i = 0; i <= Bounds.Length; i++)
                    {
                        cumulative += h.Buckets[i];
                        var le = i < Bounds.Length ? Bounds[i].ToString("R", CultureInfo.InvariantCulture) : "+Inf";
                        Line(text, Name + "_bucket", Join(labels, $"le=\"{le}\""), cumulative);
                    }
                    Line(text, Name + "_sum", labels, h.Sum);
                    Line(text, Name + "_count", labels, h.Count);
                }
            }
        }

        private static void Line(StringBuilder text, string name, string labels, double value)
        {
            text.Append(name);
            if (labels.Length > 0)
            {
                text.Append('{').Append(labels).Append('}');
            }
            text.Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }

        private static string Join(string a, string b) => a.Length == 0 ? b : a + "," + b;

        private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (tags.Length == 0)
            {
                return "";
            }
            var pairs = new List<string>(tags.Length);
            foreach (var (k, v) in tags)
            {
                pairs.Add($"{Sanitize(k)}=\"{Escape(Convert.ToString(v, CultureInfo.InvariantCulture) ?? "", help: false)}\"");
            }
            pairs.Sort(StringComparer.Ordinal);
            return string.Join(',', pairs);
        }

        private static string PrometheusName(Instrument instrument)
        {
            var name = Sanitize(instrument.Name);
            if (instrument.Unit == "s")
            {
                name += "_seconds";
            }
            var isCounter = instrument is Counter<long> or Counter<int> or Counter<double> or ObservableCounter<long> or ObservableCounter<int> or ObservableCounter<double>;
            return isCounter ? name + "_total" : name;
        }

        private static string Sanitize(string name)
        {
            var chars = name.ToCharArray();
            for (var i = 0; i < chars.Length; i++)
            {
                if (!(char.IsAsciiLetterOrDigit(chars[i]) || chars[i] == '_'))
                {
                    chars[i] = '_';
                }
            }
            return new string(chars);
        }

        private static string Escape(string value, bool help)
        {
            var escaped = value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
            return help ? escaped : escaped.Replace("\"", "\\\"", StringComparison.Ordinal);
        }
    }
}
