using System.Buffers;
using System.Diagnostics;
using System.Net;
using EmailGuard.Gateway.Metrics;
using EmailGuard.Gateway.Actions;
using EmailGuard.Gateway.Options;
using EmailGuard.Gateway.Policy;
using EmailGuard.Gateway.Queue;
using EmailGuard.Gateway.Spool;
using EmailGuard.Policy;
using Microsoft.Extensions.Logging;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace EmailGuard.Gateway.Receive;

/// <summary>
/// End of DATA: check the bytes, parse once, run the policy, spool durably, then answer. Every outcome is a reply
/// (never a thrown SmtpResponseException, which SmtpServer would answer with silence).
/// </summary>
internal sealed class SpoolingMessageStore(
    SmtpOptions smtp,
    GatewayOptions gateway,
    MessageSpool spool,
    IPolicySource policy,
    DeliveryQueue queue,
    VerdictActions actions,
    TimeProvider time,
    GatewayMetrics metrics,
    ILogger<SpoolingMessageStore> logger) : IMessageStore
{
    private static readonly ReadOnlySequence<byte> Crlf = new("\r\n"u8.ToArray());

    public async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        metrics.Received();
        buffer = RepairFirstLine(buffer);
        if (buffer.Length > smtp.MaxMessageSize)
        {
            ReceiveLog.Refused(logger, "too big", buffer.Length);
            metrics.Refused("too_big");
            return Replies.TooBig(smtp.MaxMessageSize);
        }
        if (LineEndings.HasBareCrOrLf(buffer))
        {
            if (smtp.BareLineEndings == BareLineEndingHandling.Reject)
            {
                ReceiveLog.Refused(logger, "bare CR or LF", buffer.Length);
                metrics.Refused("bare_line_ending");
                return Replies.BareLineEnding;
            }
            buffer = LineEndings.Normalise(buffer);
        }

        var message = Parse(buffer);
        if (message is null || message.Headers.Count == 0)
        {
            ReceiveLog.Refused(logger, "no headers", buffer.Length);
            metrics.Refused("no_headers");
            return Replies.NoHeaders;
        }
        var parsed = Stopwatch.GetTimestamp();

        var envelope = new Envelope(EnvelopeAddress.From(transaction.From), transaction.To.Select(EnvelopeAddress.From).ToList());
        var verdict = policy.Current.Evaluate(message, envelope);
        var evaluated = Stopwatch.GetTimestamp();
        var now = time.GetUtcNow();
        var id = QueueId.New(now);
        var client = context.Properties.TryGetValue(SessionKeys.Client, out var c) ? ((IPEndPoint)c).Address : IPAddress.None;
        // Findings routed to their own reviewer (an occasional-monitoring exercise) are acted on now and never
        // stored, logged or shown: whoever reads the spool, the logs or the quarantine must not learn of it.
        var acted = new SpoolEnvelope(id, SpoolKind.Message, envelope.MailFrom, envelope.Recipients, client.ToString(), now, verdict.Action, verdict.Findings);
        verdict = Verdict.From(verdict.Findings.Where(f => f.CopyTo is null).ToList());
        var spooled = acted with { Action = verdict.Action, Findings = verdict.Findings };
        var rules = string.Join(',', verdict.Findings.Select(f => f.Rule).Distinct());
        if (verdict.Action == RuleAction.Reject)
        {
            // Never spooled, so an E-safety copy (if a finding asks for one) is made from the bytes as received.
            await actions.ActAsync(acted, message.Subject, [buffer, Crlf], cancellationToken);
            Log(id, verdict, rules, buffer.Length, envelope.Recipients.Count, started, parsed, evaluated, evaluated, message);
            return Replies.Rejected(verdict);
        }

        var helo = context.Properties.TryGetValue(SessionKeys.Helo, out var h) ? h as string : null;
        var received = ReceivedHeader.Build(helo, client, gateway.ServerName, id, context.Pipe.IsSecure, context.Authentication.IsAuthenticated, now);
        var area = verdict.Action == RuleAction.Hold ? SpoolArea.Hold : SpoolArea.Queue;
        ReadOnlySequence<byte>[] parts = [new(received), buffer, Crlf];
        // The E-safety copies and the held notice are spooled before the original, not after: a crash between the
        // two then costs a duplicate when the client sends again, never a lost safety report (at least once).
        if (acted.Action != RuleAction.Forward)
        {
            await actions.ActAsync(acted, message.Subject, parts, cancellationToken);
        }
        try
        {
            await spool.CommitAsync(spooled, area, parts, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ReceiveLog.SpoolFailed(logger, e, id);
            metrics.Refused("spool_failed");
            return Replies.TryAgain;
        }
        if (area == SpoolArea.Queue)
        {
            queue.Enqueue(id);
        }
        Log(id, verdict, rules, buffer.Length, envelope.Recipients.Count, started, parsed, evaluated, Stopwatch.GetTimestamp(), message);
        return Replies.Accepted(id, verdict.Action);
    }

    /// <summary>
    /// SmtpServer un-stuffs every line but the first: a first line that reached us as "..x" was sent as ".x" and
    /// dot-stuffed by the client (RFC 5321 4.5.2), so one dot goes.
    /// </summary>
    private static ReadOnlySequence<byte> RepairFirstLine(ReadOnlySequence<byte> buffer)
    {
        if (buffer.Length >= 2)
        {
            Span<byte> two = stackalloc byte[2];
            buffer.Slice(0, 2).CopyTo(two);
            if (two[0] == (byte)'.' && two[1] == (byte)'.')
            {
                return buffer.Slice(1);
            }
        }
        return buffer;
    }

    /// <summary>
    /// Persistent parse: bodies stay in SmtpServer's buffer (MimeKit reads them through the seekable stream on
    /// demand) instead of being copied, so a 25 MB attachment costs no second 25 MB. The message must not outlive
    /// this DATA call, which owns the buffer; it does not.
    /// </summary>
    private static MimeMessage? Parse(ReadOnlySequence<byte> buffer)
    {
        try
        {
            return new MimeParser(new SequenceStream(buffer), MimeFormat.Entity, persistent: true).ParseMessage();
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private void Log(string id, Verdict verdict, string rules, long size, int recipients, long started, long parsed, long evaluated, long spooled, MimeMessage message)
    {
        var parse = Stopwatch.GetElapsedTime(started, parsed);
        var evaluate = Stopwatch.GetElapsedTime(parsed, evaluated);
        ReceiveLog.Decision(logger, id, GatewayMetrics.Word(verdict.Action), rules, size, recipients,
            parse.TotalMilliseconds, evaluate.TotalMilliseconds, Stopwatch.GetElapsedTime(evaluated, spooled).TotalMilliseconds);
        metrics.Decided(verdict, parse, evaluate, Stopwatch.GetElapsedTime(started, spooled));
        if (gateway.LogSubjects)
        {
            ReceiveLog.Subject(logger, id, message.Subject ?? "");
        }
    }
}
