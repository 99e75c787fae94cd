using System.Text;
using EmailGuard.Gateway.Spool;
using EmailGuard.Gateway.Tests.Support;

namespace EmailGuard.Gateway.Tests.Receive;

[TestFixture]
public sealed class ReceiveTests
{
    private const string Clean = "From: staff@trust.test\r\nTo: parent@example.org\r\nSubject: Trip letter\r\nMessage-ID: <1@trust.test>\r\n\r\nHello.\r\n";

    private static async Task<TestGateway> StartAsync(Dictionary<string, string?>? settings = null) =>
        await TestGateway.StartAsync(settings, new DeferringUpstream());

    [Test]
    public async Task Accepted_message_is_spooled_with_envelope_and_exact_bytes_after_a_received_header()
    {
        await using var gateway = await StartAsync();
        await using var client = await gateway.ConnectAsync();
        Assert.That(await client.BeginAsync("staff@trust.test", "parent@example.org", "other@example.org"), Does.StartWith("354"));
        await client.SendRawAsync(Encoding.ASCII.GetBytes(Clean + ".\r\n"));
        var reply = await client.ReadReplyAsync();
        Assert.That(reply, Does.StartWith("250 2.0.0 Ok: queued as "));

        var id = reply!.Split(' ')[^1];
        using var spooled = gateway.Spool.Open(SpoolArea.Queue, id);
        Assert.That(spooled, Is.Not.Null);
        Assert.That(spooled!.Envelope.MailFrom, Is.EqualTo("staff@trust.test"));
        Assert.That(spooled.Envelope.Recipients, Is.EqualTo(new[] { "parent@example.org", "other@example.org" }));
        Assert.That(spooled.Envelope.ClientAddress, Is.EqualTo("127.0.0.1"));
        var text = await new StreamReader(spooled.Content, Encoding.ASCII).ReadToEndAsync();
        Assert.That(text, Does.StartWith("Received: from client.test ([127.0.0.1])\r\n\tby gateway.test (EmailGuard) with ESMTP id " + id));
        Assert.That(text, Does.EndWith("\r\n" + Clean));
    }

    [Test]
    public async Task First_line_dot_stuffing_is_undone()
    {
        await using var gateway = await StartAsync();
        await using var client = await gateway.ConnectAsync();
        await client.BeginAsync("staff@trust.test", "parent@example.org");
        // A header block cannot start with a dot, but the repair must be exact: ".X-Odd: 1" sent stuffed as "..X-Odd: 1".
        await client.SendRawAsync(Encoding.ASCII.GetBytes("..X-Odd: 1\r\n" + Clean + "..dot line\r\n.\r\n"));
        var reply = await client.ReadReplyAsync();
        Assert.That(reply, Does.StartWith("250"));
        using var spooled = gateway.Spool.Open(SpoolArea.Queue, reply!.Split(' ')[^1]);
        var text = await new StreamReader(spooled!.Content, Encoding.ASCII).ReadToEndAsync();
        Assert.That(text, Does.Contain("\r\n.X-Odd: 1\r\n"));
        Assert.That(text, Does.EndWith("\r\n.dot line\r\n"));
    }

    [Test]
    public async Task Client_outside_allowed_networks_is_refused_before_smtp()
    {
        await using var gateway = await StartAsync(new() { ["EmailGuard:Smtp:AllowedNetworks:0"] = "10.0.0.0/8" });
        await using var client = await gateway.ConnectAsync();
        var greeting = await client.ReadReplyAsync();
        Assert.That(greeting, Does.StartWith("554 5.7.1"));
        Assert.That(await client.ReadReplyAsync(), Is.Null, "the connection is closed");
        Assert.That(gateway.Spool.List(SpoolArea.Queue), Is.Empty);
    }

    [TestCase("\n")]
    [TestCase("\r")]
    [TestCase("\n.\n")]
    [TestCase("\r\n.\n")]
    [TestCase("\n.\r\n")]
    [TestCase("\r.\r")]
    public async Task Bare_line_ending_in_data_is_refused_and_nothing_is_spooled(string smuggle)
    {
        await using var gateway = await StartAsync();
        await using var client = await gateway.ConnectAsync();
        await client.BeginAsync("staff@trust.test", "parent@example.org");
        var body = Clean + "first" + smuggle + "MAIL FROM:<evil@example.org>\r\n";
        await client.SendRawAsync(Encoding.ASCII.GetBytes(body + ".\r\n"));
        Assert.That(await client.ReadReplyAsync(), Does.StartWith("550 5.6.0"));
        Assert.That(await client.CommandAsync("NOOP"), Does.StartWith("250"), "the session keeps serving");
        Assert.That(gateway.Spool.List(SpoolArea.Queue), Is.Empty);
    }

    [TestCase("\n.\n")]
    [TestCase("\r.\r")]
    [TestCase("\n")]
    public async Task Bare_line_endings_are_normalised_to_crlf_when_configured(string smuggle)
    {
        await using var gateway = await StartAsync(new() { ["EmailGuard:Smtp:BareLineEndings"] = "Normalise" });
        await using var client = await gateway.ConnectAsync();
        await client.BeginAsync("staff@trust.test", "parent@example.org");
        await client.SendRawAsync(Encoding.ASCII.GetBytes(Clean + "first" + smuggle + "MAIL FROM:<evil@example.org>\r\n.\r\n"));
        var reply = await client.ReadReplyAsync();
        Assert.That(reply, Does.StartWith("250"));
        using var spooled = gateway.Spool.Open(SpoolArea.Queue, reply!.Split(' ')[^1]);
        var text = await new StreamReader(spooled!.Content, Encoding.ASCII).ReadToEndAsync();
        Assert.That(text.Replace("\r\n", "", StringComparison.Ordinal), Does.Not.Contain("\r").And.Not.Contain("\n"), "only CRLF line ends remain");
        Assert.That(gateway.Spool.List(SpoolArea.Queue), Has.Count.EqualTo(1), "still one message, never two");
    }

    [Test]
    public async Task Declared_size_over_the_limit_is_refused_at_mail_from()
    {
        await using var gateway = await StartAsync(new() { ["EmailGuard:Smtp:MaxMessageSize"] = "2048" });
        await using var client = await gateway.ConnectAsync();
        await client.ReadReplyAsync();
        var ehlo = await client.CommandAsync("EHLO client.test");
        Assert.That(ehlo, Does.Contain("SIZE 2048"));
        Assert.That(await client.CommandAsync("MAIL FROM:<staff@trust.test> SIZE=5000"), Does.StartWith("552"));
    }

    [Test]
    public async Task Real_size_over_the_limit_is_refused_at_end_of_data()
    {
        await using var gateway = await StartAsync(new() { ["EmailGuard:Smtp:MaxMessageSize"] = "2048" });
        await using var client = await gateway.ConnectAsync();
        await client.BeginAsync("staff@trust.test", "parent@example.org");
        await client.SendRawAsync(Encoding.ASCII.GetBytes(Clean + new string('x', 70) + "\r\n" + string.Concat(Enumerable.Repeat(new string('y', 70) + "\r\n", 40)) + ".\r\n"));
        var reply = await client.ReadReplyAsync();
        Assert.That(reply, Does.StartWith("552"));
        Assert.That(gateway.Spool.List(SpoolArea.Queue), Is.Empty);
    }

    [Test]
    public async Task Far_oversized_data_is_cut_off_while_reading_with_552_and_a_close()
    {
        await using var gateway = await StartAsync(new() { ["EmailGuard:Smtp:MaxMessageSize"] = "2048" });
        await using var client = await gateway.ConnectAsync();
        await client.BeginAsync("staff@trust.test", "parent@example.org");
        var line = Encoding.ASCII.GetBytes(new string('z', 998) + "\r\n");
        try
        {
            for (var i = 0; i < 200; i++)
            {
                await client.SendRawAsync(line);
            }
        }
        catch (IOException)
        {
            // The server hung up mid-send, as it should.
        }
        Assert.That(await client.ReadReplyAsync(), Does.StartWith("552 5.3.4"));
        Assert.That(gateway.Spool.List(SpoolArea.Queue), Is.Empty);
    }

    [Test]
    public async Task Client_trickling_data_is_cut_off_at_the_data_timeout()
    {
        await using var gateway = await StartAsync(new() { ["EmailGuard:Smtp:DataTimeout"] = "00:00:01" });
        await using var client = await gateway.ConnectAsync();
        await client.BeginAsync("staff@trust.test", "parent@example.org");
        var closed = false;
        for (var i = 0; i < 100 && !closed; i++)
        {
            try
            {
                await client.SendRawAsync("x"u8.ToArray());
                await Task.Delay(100);
            }
            catch (IOException)
            {
                closed = true;
            }
        }
        Assert.That(closed, Is.True, "the server hung up on a session trickling DATA for 10 s with a 1 s data timeout");
        Assert.That(gateway.Spool.List(SpoolArea.Queue), Is.Empty);
    }

    [Test]
    public async Task Recipients_beyond_the_cap_get_452_4_5_3()
    {
        await using var gateway = await StartAsync(new() { ["EmailGuard:Smtp:MaxRecipients"] = "3" });
        await using var client = await gateway.ConnectAsync();
        await client.ReadReplyAsync();
        await client.CommandAsync("EHLO client.test");
        await client.CommandAsync("MAIL FROM:<staff@trust.test>");
        for (var i = 0; i < 3; i++)
        {
            Assert.That(await client.CommandAsync($"RCPT TO:<r{i}@example.org>"), Does.StartWith("250"));
        }
        Assert.That(await client.CommandAsync("RCPT TO:<r4@example.org>"), Does.StartWith("452 4.5.3"));
        Assert.That(await client.CommandAsync("DATA"), Does.StartWith("354"));
        await client.SendRawAsync(Encoding.ASCII.GetBytes(Clean + ".\r\n"));
        var reply = await client.ReadReplyAsync();
        using var spooled = gateway.Spool.Open(SpoolArea.Queue, reply!.Split(' ')[^1]);
        Assert.That(spooled!.Envelope.Recipients, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task Empty_message_gets_a_clear_refusal_instead_of_silence()
    {
        await using var gateway = await StartAsync();
        await using var client = await gateway.ConnectAsync();
        Assert.That(await client.BeginAsync("staff@trust.test", "parent@example.org"), Does.StartWith("354"));
        await client.SendRawAsync(".\r\n"u8.ToArray());
        Assert.That(await client.ReadReplyAsync(), Does.StartWith("550 5.6.0"));
        Assert.That(await client.CommandAsync("NOOP"), Does.StartWith("250"), "the session goes on");
        Assert.That(gateway.Spool.List(SpoolArea.Queue), Is.Empty);
    }

    [Test]
    public async Task Message_without_headers_is_refused_with_a_clear_reply()
    {
        await using var gateway = await StartAsync();
        await using var client = await gateway.ConnectAsync();
        await client.BeginAsync("staff@trust.test", "parent@example.org");
        await client.SendRawAsync("just a body line without any header\r\n.\r\n"u8.ToArray());
        Assert.That(await client.ReadReplyAsync(), Does.StartWith("550 5.6.0"));
        Assert.That(gateway.Spool.List(SpoolArea.Queue), Is.Empty);
    }

    [Test]
    public async Task Garbage_commands_get_an_error_reply_and_the_session_goes_on()
    {
        await using var gateway = await StartAsync();
        await using var client = await gateway.ConnectAsync();
        await client.ReadReplyAsync();
        Assert.That(await client.CommandAsync("HELLO?? \u0001\u0002"), Does.Match("^5\\d\\d"));
        Assert.That(await client.CommandAsync("EHLO client.test"), Does.StartWith("250"));
    }

    [Test]
    public async Task Command_line_over_512_octets_gets_500_and_a_close_while_a_long_data_line_is_fine()
    {
        await using var gateway = await StartAsync();
        await using (var client = await gateway.ConnectAsync())
        {
            await client.ReadReplyAsync();
            Assert.That(await client.CommandAsync("EHLO " + new string('a', 600)), Does.StartWith("500 5.5.2"));
            Assert.That(await client.ReadReplyAsync(), Is.Null, "the connection is closed");
        }
        await using var second = await gateway.ConnectAsync();
        await second.BeginAsync("staff@trust.test", "parent@example.org");
        await second.SendRawAsync(Encoding.ASCII.GetBytes(Clean + new string('b', 5000) + "\r\n.\r\n"));
        Assert.That(await second.ReadReplyAsync(), Does.StartWith("250"), "DATA lines are not command lines");
    }

    [Test]
    public async Task Connection_dropped_mid_data_queues_nothing_and_the_server_keeps_serving()
    {
        await using var gateway = await StartAsync();
        await using (var client = await gateway.ConnectAsync())
        {
            await client.BeginAsync("staff@trust.test", "parent@example.org");
            await client.SendRawAsync(Encoding.ASCII.GetBytes(Clean[..40]));
        }
        await using var second = await gateway.ConnectAsync();
        await second.BeginAsync("staff@trust.test", "parent@example.org");
        await second.SendRawAsync(Encoding.ASCII.GetBytes(Clean + ".\r\n"));
        Assert.That(await second.ReadReplyAsync(), Does.StartWith("250"));
        Assert.That(gateway.Spool.List(SpoolArea.Queue), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Auth_is_not_offered_and_fails_when_no_accounts_are_configured()
    {
        await using var gateway = await StartAsync();
        await using var client = await gateway.ConnectAsync();
        await client.ReadReplyAsync();
        Assert.That(await client.CommandAsync("EHLO client.test"), Does.Not.Contain("AUTH"));
    }

    [Test]
    public async Task Greeting_does_not_reveal_the_library_version()
    {
        await using var gateway = await StartAsync();
        await using var client = await gateway.ConnectAsync();
        Assert.That(await client.ReadReplyAsync(), Is.EqualTo("220 gateway.test ESMTP EmailGuard"));
    }
}
