namespace EmailGuard.Gateway.Spool;

/// <summary>Where a spooled message waits: the delivery queue, or quarantine (held by a verdict).</summary>
public enum SpoolArea
{
    Queue,
    Hold,
}
