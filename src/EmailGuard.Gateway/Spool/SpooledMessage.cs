namespace EmailGuard.Gateway.Spool;

/// <summary>An open spool file: the envelope, and <see cref="Content"/> positioned at the message's first byte.</summary>
public sealed class SpooledMessage(SpoolEnvelope envelope, Stream content) : IDisposable
{
    public SpoolEnvelope Envelope { get; } = envelope;

    public Stream Content { get; } = content;

    public void Dispose() => Content.Dispose();
}
