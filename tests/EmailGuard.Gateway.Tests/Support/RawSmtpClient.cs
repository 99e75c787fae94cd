using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EmailGuard.Gateway.Tests.Support;

/// <summary>A byte-exact SMTP client over a real socket, for tests that must send what MailKit never would.</summary>
internal sealed class RawSmtpClient : IAsyncDisposable
{
    private readonly TcpClient _tcp = new() { NoDelay = true };
    private NetworkStream _stream = null!;
    private readonly StringBuilder _pending = new();

    public static async Task<RawSmtpClient> ConnectAsync(IPEndPoint endpoint)
    {
        var client = new RawSmtpClient();
        await client._tcp.ConnectAsync(endpoint);
        client._stream = client._tcp.GetStream();
        client._stream.ReadTimeout = 10_000;
        return client;
    }

    /// <summary>Reads one (possibly multi-line) reply; null when the server closed the connection.</summary>
    public async Task<string?> ReadReplyAsync()
    {
        var lines = new List<string>();
        while (true)
        {
            var line = await ReadLineAsync();
            if (line is null)
            {
                return lines.Count == 0 ? null : string.Join("\n", lines);
            }
            lines.Add(line);
            if (line.Length < 4 || line[3] != '-')
            {
                return string.Join("\n", lines);
            }
        }
    }

    public async Task<string?> CommandAsync(string line)
    {
        await SendRawAsync(Encoding.ASCII.GetBytes(line + "\r\n"));
        return await ReadReplyAsync();
    }

    public async Task SendRawAsync(byte[] bytes)
    {
        await _stream.WriteAsync(bytes);
        await _stream.FlushAsync();
    }

    /// <summary>EHLO, MAIL, RCPT..., DATA; returns the reply to DATA (354 when all went well).</summary>
    public async Task<string?> BeginAsync(string from, params string[] to)
    {
        await ReadReplyAsync();
        await CommandAsync("EHLO client.test");
        await CommandAsync($"MAIL FROM:<{from}>");
        foreach (var r in to)
        {
            await CommandAsync($"RCPT TO:<{r}>");
        }
        return await CommandAsync("DATA");
    }

    private async Task<string?> ReadLineAsync()
    {
        var buffer = new byte[1];
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var text = _pending.ToString();
            var nl = text.IndexOf("\r\n", StringComparison.Ordinal);
            if (nl >= 0)
            {
                _pending.Remove(0, nl + 2);
                return text[..nl];
            }
            int n;
            try
            {
                n = await _stream.ReadAsync(buffer, cts.Token);
            }
            catch (IOException)
            {
                n = 0;
            }
            if (n == 0)
            {
                return null;
            }
            _pending.Append((char)buffer[0]);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Task.Yield();
        _tcp.Dispose();
    }
}
