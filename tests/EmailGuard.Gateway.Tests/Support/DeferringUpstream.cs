using EmailGuard.Gateway.Delivery;

namespace EmailGuard.Gateway.Tests.Support;

/// <summary>An upstream that is never reachable: every recipient deferred, so accepted mail stays in the spool for inspection.</summary>
internal sealed class DeferringUpstream : IUpstream
{
    public Task<DeliveryOutcome> SendAsync(string mailFrom, IReadOnlyList<string> recipients, Stream content, CancellationToken cancellationToken) =>
        Task.FromResult(new DeliveryOutcome(recipients.Select(r => new RecipientResult(r, RecipientStatus.Deferred, "421 test upstream down")).ToList()));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
