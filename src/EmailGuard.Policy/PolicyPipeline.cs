using MimeKit;

namespace EmailGuard.Policy;

/// <summary>
/// The Trust's rules over one message. Pure: message + envelope (+ the directory it was built with) in,
/// verdict out; safe to call from many threads at once.
/// </summary>
public sealed class PolicyPipeline
{
    public static PolicyPipeline Empty { get; } = new();

    /// <summary>True when the address is in one of the Trust's own domains (notices go only there).</summary>
    public bool IsTrustAddress(string address) => false;

    public Verdict Evaluate(MimeMessage message, Envelope envelope) => Verdict.Clean;
}
