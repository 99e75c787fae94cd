using EmailGuard.Policy;
using SmtpServer.Protocol;

namespace EmailGuard.Gateway.Receive;

/// <summary>
/// The one place a verdict or a refusal becomes an SMTP reply. Reject texts name the rule and clause in one plain
/// sentence and carry no evidence: the reply may travel to an outside server, and evidence can name a pupil.
/// </summary>
internal static class Replies
{
    private static readonly Dictionary<string, string> Sentences = new(StringComparer.Ordinal)
    {
        ["subject-names-individual"] = "the subject names an individual pupil; remove the name from the subject and send again",
        ["unapproved-account"] = "it was not sent from an approved Trust account; send it from your Trust account",
        ["pupil-contact"] = "pupils may only be contacted from Trust accounts or the learning platform",
        ["misaddressed-recipient"] = "a recipient address looks mistyped; check the addresses and send again",
        ["exposed-recipients"] = "too many outside addresses are visible to each other; use Bcc and send again",
        ["safety-concern"] = "it contains wording flagged as a safety concern",
    };

    public static SmtpResponse Accepted(string queueId, RuleAction action) =>
        new(SmtpReplyCode.Ok, action == RuleAction.Hold
            ? $"2.0.0 Ok: held for review as {queueId}"
            : $"2.0.0 Ok: queued as {queueId}");

    public static SmtpResponse Rejected(Verdict verdict)
    {
        var finding = verdict.Findings.First(f => f.EffectiveAction == RuleAction.Reject);
        var why = Sentences.GetValueOrDefault(finding.Rule, "it breaks the Trust's email policy");
        return new SmtpResponse((SmtpReplyCode)550,
            $"5.7.1 Refused by the Trust email policy, rule {finding.Rule} (policy {finding.Clause}): {why}.");
    }

    public static SmtpResponse TooBig(long max) =>
        new((SmtpReplyCode)552, $"5.3.4 Message too big: the limit is {max} bytes");

    public static readonly SmtpResponse BareLineEnding =
        new((SmtpReplyCode)550, "5.6.0 Message refused: bare CR or LF found; lines must end with CRLF (RFC 5321 2.3.8)");

    public static readonly SmtpResponse NoHeaders =
        new((SmtpReplyCode)550, "5.6.0 Message refused: it has no header section (RFC 5322)");

    public static readonly SmtpResponse TryAgain =
        new((SmtpReplyCode)451, "4.3.0 Could not store the message; please try again later");
}
