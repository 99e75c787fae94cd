using System.Text;
using EmailGuard.Gateway.Tests.Support;

namespace EmailGuard.Gateway.Tests.Hardening;

/// <summary>Every hostile message gets a verdict (250) or a clean 5xx, and the gateway keeps serving.</summary>
[TestFixture]
public sealed class HostileMimeTests
{
    private TestGateway _gateway = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _gateway = await TestGateway.StartAsync(upstream: new DeferringUpstream());

    [OneTimeTearDown]
    public async Task StopAsync() => await _gateway.DisposeAsync();

    private static IEnumerable<TestCaseData> Cases() =>
        HostileMime.Corpus().Select(c => new TestCaseData(c.Data).SetArgDisplayNames(c.Name));

    [TestCaseSource(nameof(Cases))]
    public async Task Hostile_message_gets_a_verdict_or_a_clean_5xx_and_the_gateway_keeps_serving(byte[] data)
    {
        await using (var client = await _gateway.ConnectAsync())
        {
            Assert.That(await client.BeginAsync("staff@trust.test", "parent@example.org"), Does.StartWith("354"));
            await client.SendRawAsync(Stuff(data));
            var reply = await client.ReadReplyAsync();
            await TestContext.Out.WriteLineAsync(reply);
            Assert.That(reply, Does.Match("^(250|5\\d\\d) "), "a verdict or a permanent refusal, never silence or a 4xx");
            Assert.That(await client.CommandAsync("NOOP"), Does.StartWith("250"), "the session goes on");
        }
        await using var next = await _gateway.ConnectAsync();
        Assert.That(await next.ReadReplyAsync(), Does.StartWith("220"), "new sessions are served");
    }

    [Test]
    public async Task Every_subject_header_is_checked_when_there_are_several()
    {
        await using var client = await _gateway.ConnectAsync();
        await client.BeginAsync("staff@trust.test", "parent@example.org");
        await client.SendRawAsync(Encoding.ASCII.GetBytes(
            "From: staff@trust.test\r\nTo: parent@example.org\r\nSubject: Trip letter\r\nSubject: About Zoe Pupilson\r\n\r\nHi\r\n.\r\n"));
        Assert.That(await client.ReadReplyAsync(), Does.StartWith("550 5.7.1").And.Contain("subject-names-individual"));
    }

    /// <summary>Dot-stuffs (lines starting with '.') and terminates, as an SMTP client must.</summary>
    private static byte[] Stuff(byte[] data)
    {
        using var output = new MemoryStream(data.Length + 16);
        var lineStart = true;
        foreach (var b in data)
        {
            if (lineStart && b == (byte)'.')
            {
                output.WriteByte((byte)'.');
            }
            output.WriteByte(b);
            lineStart = b == (byte)'\n';
        }
        output.Write(".\r\n"u8);
        return output.ToArray();
    }
}
