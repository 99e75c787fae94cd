using System.Buffers;
using EmailGuard.Gateway.Spool;
using EmailGuard.Policy;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace EmailGuard.Gateway.Actions;

/// <summary>
/// What a verdict calls for beyond the reply, done at the end of DATA just before the original is spooled (or, for
/// an SMTP-time reject, before the 550): the held notice to the sender, and the E-safety copies. SMTP-time rejects
/// get no notice from us: the Trust's own server bounces with our reply text. A failure here is logged and does
/// not change the reply: the original is still spooled, and a 4xx would only make the client send it twice.
/// </summary>
public sealed class VerdictActions(Notices notices, AuditLog audit, ILogger<VerdictActions> logger)
{
    public async Task ActAsync(SpoolEnvelope envelope, string? subject, IReadOnlyList<ReadOnlySequence<byte>> spooledBytes, CancellationToken cancellationToken)
    {
        try
        {
            // Findings with their own CopyTo (occasional monitoring) go to those addresses whatever the rest says;
            // the E-safety monitors get a copy for the other monitor findings, or for a hold when so configured.
            var monitored = envelope.Findings.Any(f => f.EffectiveAction == RuleAction.Monitor && f.CopyTo is null);
            var routed = envelope.Findings.Any(f => f.EffectiveAction >= RuleAction.Monitor && f.CopyTo is not null);
            var held = envelope.Action == RuleAction.Hold;
            var toMonitors = monitored || (held && notices.Options.CopyHeldToMonitor);
            if (toMonitors || routed)
            {
                await notices.CopyToMonitorsAsync(envelope, Concat(spooledBytes), Outcome(envelope.Action), toMonitors, cancellationToken);
            }
            if (routed)
            {
                // Policy 7.2: every copy made under an occasional-monitoring exercise is on the record.
                var rules = envelope.Findings.Where(f => f.CopyTo is not null).Select(f => f.Rule).Distinct().ToList();
                audit.Append(new AuditEntry(notices.Time.GetUtcNow(), "emailguard", "monitoring-copy", envelope.Id, rules, "copy sent to the exercise's reviewer"));
            }
            if (held && notices.Options.NotifyOnHold)
            {
                await notices.NotifySenderAsync(NoticeKind.Held, envelope, subject, null, cancellationToken);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ParseException)
        {
            ActionLog.ActionFailed(logger, e, envelope.Id);
        }
    }

    private static string Outcome(RuleAction action) => action switch
    {
        RuleAction.Reject => "refused at the SMTP stage (550); not delivered. The sender's mail server reports the refusal to the sender.",
        RuleAction.Hold => "held in quarantine for review; not delivered unless an administrator releases it.",
        _ => "delivered to the recipients as addressed.",
    };

    private static byte[] Concat(IReadOnlyList<ReadOnlySequence<byte>> parts)
    {
        var bytes = new byte[parts.Sum(p => p.Length)];
        var offset = 0;
        foreach (var part in parts)
        {
            part.CopyTo(bytes.AsSpan(offset));
            offset += (int)part.Length;
        }
        return bytes;
    }
}
