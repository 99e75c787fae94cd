using System.Diagnostics;
using System.Globalization;
using System.Text;
using EmailGuard.Gateway.Policy;
using EmailGuard.Policy;
using MimeKit;

// EmailGuard.Fuzz CONFIGDIR SEEDDIR MINUTES [OUTDIR]
// Mutates seed messages (byte flips, bare CR/LF, encoded-word and boundary fragments, header duplication,
// truncation, splicing) and runs each through MimeKit + the full policy pipeline. A crash (any exception out of
// Evaluate) or a slow case (> 1 s) is saved to OUTDIR with its seed and mutation, and counted.
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: EmailGuard.Fuzz CONFIGDIR SEEDDIR MINUTES [OUTDIR]");
    return 2;
}
var pipeline = PolicyLoader.Load(args[0]);
var seeds = Directory.GetFiles(args[1], "*.eml").Select(File.ReadAllBytes).ToArray();
var minutes = double.Parse(args[2], CultureInfo.InvariantCulture);
var outDir = args.Length > 3 ? args[3] : Path.Combine(Path.GetTempPath(), "emailguard-fuzz");
Directory.CreateDirectory(outDir);
var random = new Random(Environment.TickCount);
string[] fragments = ["\r", "\n", "\r\n", "\r\n.\r\n", "=?utf-8?B?", "=?x-bad?Q?=ZZ?=", "?=", "\0", "--", "\r\n--b\r\n",
    "Content-Type: multipart/mixed; boundary=b\r\n", "Subject: ", "From: ", "\u00e9", "\u200b", "=?utf-8?Q?Zo=C3=AB_?=", "\t", ";", "\"", "<", ">"];
var clock = Stopwatch.StartNew();
long runs = 0, crashes = 0, slow = 0;
while (clock.Elapsed.TotalMinutes < minutes)
{
    var seed = seeds[random.Next(seeds.Length)];
    var data = Mutate(seed, random);
    var started = Stopwatch.GetTimestamp();
    try
    {
        var message = MimeMessage.Load(new MemoryStream(data));
        var envelope = new Envelope(message.From.Mailboxes.FirstOrDefault()?.Address ?? "", message.To.Mailboxes.Select(m => m.Address).DefaultIfEmpty("x@example.org").ToList());
        _ = pipeline.Evaluate(message, envelope);
    }
    catch (FormatException)
    {
        // MimeKit refused the bytes: the gateway answers that with 550 5.6.0, not a crash.
    }
    catch (Exception e)
    {
        crashes++;
        File.WriteAllBytes(Path.Combine(outDir, $"crash-{runs}.eml"), data);
        File.WriteAllText(Path.Combine(outDir, $"crash-{runs}.txt"), e.ToString());
    }
    if (Stopwatch.GetElapsedTime(started).TotalSeconds > 1)
    {
        slow++;
        File.WriteAllBytes(Path.Combine(outDir, $"slow-{runs}.eml"), data);
    }
    runs++;
}
Console.WriteLine($"{runs} inputs in {clock.Elapsed.TotalMinutes:F1} min, {crashes} crashes, {slow} slow (> 1 s); findings in {outDir}");
return crashes == 0 ? 0 : 1;

byte[] Mutate(byte[] seed, Random r)
{
    var bytes = new List<byte>(seed);
    for (var n = r.Next(1, 8); n > 0; n--)
    {
        var at = bytes.Count == 0 ? 0 : r.Next(bytes.Count);
        switch (r.Next(6))
        {
            case 0 when bytes.Count > 0:
                bytes[at] = (byte)r.Next(256);
                break;
            case 1:
                bytes.InsertRange(at, Encoding.UTF8.GetBytes(fragments[r.Next(fragments.Length)]));
                break;
            case 2 when bytes.Count > 0:
                bytes.RemoveRange(at, Math.Min(r.Next(1, 64), bytes.Count - at));
                break;
            case 3 when bytes.Count > 0:
                var len = Math.Min(r.Next(1, 200), bytes.Count - at);
                bytes.InsertRange(r.Next(bytes.Count), bytes.GetRange(at, len));
                break;
            case 4:
                bytes.RemoveRange(at, bytes.Count - at);
                break;
            default:
                bytes.InsertRange(at, Enumerable.Repeat((byte)r.Next(256), r.Next(1, 4096)));
                break;
        }
    }
    return bytes.ToArray();
}
