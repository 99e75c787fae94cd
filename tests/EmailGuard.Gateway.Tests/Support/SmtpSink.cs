using System.Net;
using System.Security.Cryptography.X509Certificates;
using SmtpServer;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServerHost = SmtpServer.SmtpServer;
using SmtpServiceProvider = SmtpServer.ComponentModel.ServiceProvider;

namespace EmailGuard.Gateway.Tests.Support;

/// <summary>
/// A real SMTP server (SmtpServer 11.1.0) on 127.0.0.1 that records what it receives, for protocol tests.
/// </summary>
/// <example><code>
/// await using var sink = await SmtpSink.StartAsync();
/// // point a client at 127.0.0.1:sink.Port, send ...
/// await sink.WaitForMessagesAsync(1, TimeSpan.FromSeconds(10));
/// Assert.That(sink.Messages[0].Data, Is.EqualTo(expected));
/// </code></example>
/// <remarks>
/// Default rules: a recipient whose local part starts with <c>reject</c> gets <c>550 5.1.1</c>, with
/// <c>defer</c> gets <c>451 4.3.0</c>; every sender and every message is accepted. Replace the rules to
/// script other replies. SmtpServer appends ", N retry(ies) remaining." to refusal texts (so assert with
/// Does.StartWith/Contain). <see cref="StopAsync"/> then <see cref="RestartAsync"/> simulates a relay outage
/// on the same port. The sink advertises PIPELINING, 8BITMIME, SMTPUTF8 and SIZE (64 MiB, not enforced), and
/// STARTTLS plus AUTH PLAIN LOGIN (after STARTTLS) when started with a certificate.
/// </remarks>
public sealed partial class SmtpSink : IAsyncDisposable
{
    private readonly X509Certificate2? _certificate;
    private SmtpServerHost? _server;
    private Task? _running;

    private SmtpSink(X509Certificate2? certificate) => _certificate = certificate;

    /// <summary>The bound port (the real one when started with port 0).</summary>
    public int Port { get; private set; }

    public bool IsRunning => _server is not null;

    /// <summary>Decides each RCPT: null accepts, a response refuses with that code and text.</summary>
    public Func<string, SmtpResponse?> RecipientRule { get; set; } = DefaultRecipientRule;

    /// <summary>Decides each MAIL FROM (address empty for the null sender).</summary>
    public Func<string, SmtpResponse?> SenderRule { get; set; } = _ => null;

    /// <summary>Decides the reply to the end of DATA; a refused message is not recorded.</summary>
    public Func<SinkMessage, SmtpResponse?> DataRule { get; set; } = _ => null;

    /// <summary>
    /// Decides AUTH (user, password). AUTH is only offered after STARTTLS, so only a sink started with a
    /// certificate ever asks. Default: accept anything.
    /// </summary>
    public Func<string, string, bool> CredentialRule { get; set; } = (_, _) => true;

    public static SmtpResponse? DefaultRecipientRule(string address) =>
        address.StartsWith("reject", StringComparison.OrdinalIgnoreCase) ? new SmtpResponse(SmtpReplyCode.MailboxUnavailable, "5.1.1 no such mailbox")
        : address.StartsWith("defer", StringComparison.OrdinalIgnoreCase) ? new SmtpResponse((SmtpReplyCode)451, "4.3.0 try again later")
        : null;

    /// <param name="port">0 picks a free port; read it back from <see cref="Port"/>.</param>
    /// <param name="certificate">When set, the sink offers STARTTLS with it (SmtpServer's default: TLS 1.2).</param>
    public static async Task<SmtpSink> StartAsync(int port = 0, X509Certificate2? certificate = null)
    {
        var sink = new SmtpSink(certificate) { Port = port };
        await sink.RestartAsync();
        return sink;
    }

    /// <summary>Starts listening again on <see cref="Port"/> after <see cref="StopAsync"/>.</summary>
    public async Task RestartAsync()
    {
        if (_server is not null)
        {
            throw new InvalidOperationException("The sink is already running.");
        }
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listeners = new EndpointListenerFactory();
        listeners.EndpointStarted += (_, e) => listening.TrySetResult(((IPEndPoint)e.LocalEndPoint).Port);
        var services = new SmtpServiceProvider();
        var handlers = new SmtpSinkHandlers(this);
        services.Add((SmtpServer.Storage.IMessageStore)handlers);
        services.Add((SmtpServer.Storage.IMailboxFilter)handlers);
        services.Add((SmtpServer.Authentication.IUserAuthenticator)handlers);
        services.Add(listeners);
        var options = new SmtpServerOptionsBuilder()
            .ServerName("sink.test")
            .Endpoint(e =>
            {
                e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port));
                if (_certificate is not null)
                {
                    e.Certificate(_certificate);
                }
            })
            // Refusals are scripted by throwing, which SmtpServer counts; the default 5 would drop the session.
            .MaxRetryCount(10_000)
            // Only so that SIZE is advertised and clients' SIZE= can be checked; Ignore means not enforced.
            .MaxMessageSize(64 * 1024 * 1024)
            .Build();
        var server = new SmtpServerHost(options, services);
        server.SessionCreated += (_, _) => CountSession();
        var running = server.StartAsync(CancellationToken.None);
        var first = await Task.WhenAny(listening.Task, running);
        await first; // surfaces a bind failure
        Port = await listening.Task;
        (_server, _running) = (server, running);
    }

    /// <summary>Stops listening and drops every open session (clients see the connection close).</summary>
    public async Task StopAsync()
    {
        if (_server is null)
        {
            return;
        }
        _server.Shutdown();
        await _running!;
        (_server, _running) = (null, null);
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
