using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

// emailguard-load HOST:PORT MESSAGES SIZE SESSIONS [RATE]
// Sends MESSAGES messages of SIZE bytes over SESSIONS persistent sessions (RATE msgs/s in total, 0 = as fast as
// possible) and prints: msgs/s, and the accept latency (last byte of DATA sent -> 250 read) p50/p99 in ms.
if (args.Length < 4)
{
    Console.Error.WriteLine("usage: EmailGuard.Load HOST:PORT MESSAGES SIZE SESSIONS [RATE]");
    return 2;
}
var endpoint = args[0].Split(':');
var host = endpoint[0];
var port = int.Parse(endpoint[1], CultureInfo.InvariantCulture);
var total = int.Parse(args[1], CultureInfo.InvariantCulture);
var size = int.Parse(args[2], CultureInfo.InvariantCulture);
var sessions = int.Parse(args[3], CultureInfo.InvariantCulture);
var rate = args.Length > 4 ? double.Parse(args[4], CultureInfo.InvariantCulture) : 0;

var body = new StringBuilder();
var line = new string('x', 76) + "\r\n";
while (body.Length < size)
{
    body.Append(line);
}
var latencies = new double[total];
var next = -1;
var failures = 0;
var clock = Stopwatch.StartNew();

async Task SessionAsync()
{
    using var tcp = new TcpClient { NoDelay = true };
    await tcp.ConnectAsync(host, port);
    var stream = tcp.GetStream();
    var reader = new StreamReader(stream, Encoding.ASCII);
    async Task<string> ReplyAsync()
    {
        string? l;
        do
        {
            l = await reader.ReadLineAsync() ?? throw new IOException("closed");
        }
        while (l.Length > 3 && l[3] == '-');
        return l;
    }
    async Task SendAsync(string s) => await stream.WriteAsync(Encoding.ASCII.GetBytes(s));
    await ReplyAsync();
    await SendAsync("EHLO load.test\r\n");
    await ReplyAsync();
    while (true)
    {
        var i = Interlocked.Increment(ref next);
        if (i >= total)
        {
            break;
        }
        if (rate > 0)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
        }
        // Pipelined envelope (RFC 2920), as a relay sends it.
        await SendAsync("MAIL FROM:<bench@trust.example>\r\nRCPT TO:<sink@example.net>\r\nDATA\r\n");
        await ReplyAsync();
        await ReplyAsync();
        var data = await ReplyAsync();
        if (!data.StartsWith("354", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref failures);
            continue;
        }
        var message = $"From: bench@trust.example\r\nTo: sink@example.net\r\nSubject: load {i}\r\nMessage-ID: <load-{i}@trust.example>\r\n\r\n{body}.\r\n";
        var bytes = Encoding.ASCII.GetBytes(message);
        await stream.WriteAsync(bytes);
        var sent = Stopwatch.GetTimestamp();
        var reply = await ReplyAsync();
        latencies[i] = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
        if (!reply.StartsWith("250", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref failures);
        }
    }
    await SendAsync("QUIT\r\n");
}

await Task.WhenAll(Enumerable.Range(0, sessions).Select(_ => Task.Run(SessionAsync)));
var seconds = clock.Elapsed.TotalSeconds;
Array.Sort(latencies);
double P(double q) => latencies[Math.Min(total - 1, (int)(q * total))];
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{total / seconds:F0} msgs/s  p50 {P(0.50):F1} ms  p99 {P(0.99):F1} ms  failures {failures}  ({total} x {size} B, {sessions} sessions, {seconds:F2} s)"));
return failures == 0 ? 0 : 1;
