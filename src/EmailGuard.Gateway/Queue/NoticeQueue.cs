using System.Buffers;
using EmailGuard.Gateway.Spool;
using EmailGuard.Policy;
using MimeKit;

namespace EmailGuard.Gateway.Queue;

/// <summary>
/// Spools a message we wrote ourselves (notices, E-safety copies) from the null sender and hands its id to whoever
/// delivers: the running service's queue, or, from the CLI, a kick file the service picks up. The notice is durable
/// once this returns, and is then delivered with retries like any other message.
/// </summary>
public sealed class NoticeQueue(MessageSpool spool, Action<string> enqueue)
{
    /// <summary>CRLF whatever the platform: the bytes go on the wire as they are (MimeKit's default is the OS newline).</summary>
    private static readonly FormatOptions Wire = CreateWireFormat();

    /// <summary>For the CLI: the running service is told through the spool's kick directory.</summary>
    public static NoticeQueue ForCli(MessageSpool spool) => new(spool, id => spool.RequestRetry(id));

    public async Task<string> EnqueueAsync(MimeMessage notice, string recipient, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var bytes = new MemoryStream();
        await notice.WriteToAsync(Wire, bytes, cancellationToken);
        var id = QueueId.New(now);
        var envelope = new SpoolEnvelope(id, SpoolKind.Notice, "", [recipient], "local", now, RuleAction.Forward, []);
        await spool.CommitAsync(envelope, SpoolArea.Queue, [new ReadOnlySequence<byte>(bytes.GetBuffer().AsMemory(0, (int)bytes.Length))], cancellationToken);
        enqueue(id);
        return id;
    }

    private static FormatOptions CreateWireFormat()
    {
        var options = FormatOptions.Default.Clone();
        options.NewLineFormat = NewLineFormat.Dos;
        return options;
    }
}
