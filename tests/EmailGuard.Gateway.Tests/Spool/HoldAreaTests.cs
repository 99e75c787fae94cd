using System.Buffers;
using System.Text;
using EmailGuard.Gateway.Spool;
using EmailGuard.Policy;

namespace EmailGuard.Gateway.Tests.Spool;

/// <summary>The renames quarantine relies on: one winner per release or claim, and claims a crash left behind put back.</summary>
public sealed class HoldAreaTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("emailguard-hold-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private static async Task<string> HoldAsync(MessageSpool spool)
    {
        var id = QueueId.New(DateTimeOffset.UtcNow);
        var envelope = new SpoolEnvelope(id, SpoolKind.Message, "staff@trust.test", ["p@example.org"], "127.0.0.1", DateTimeOffset.UtcNow, RuleAction.Hold, []);
        await spool.CommitAsync(envelope, SpoolArea.Hold, [new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes("Subject: x\r\n\r\nbody\r\n"))], CancellationToken.None);
        return id;
    }

    [Test]
    public async Task Of_many_concurrent_releases_exactly_one_moves_the_message_into_the_queue()
    {
        var spool = new MessageSpool(_dir);
        var id = await HoldAsync(spool);
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => spool.ReleaseAsync(id, CancellationToken.None))));
        Assert.That(results.Count(r => r), Is.EqualTo(1));
        Assert.That(spool.List(SpoolArea.Queue), Is.EqualTo(new[] { id }));
        Assert.That(spool.List(SpoolArea.Hold), Is.Empty);
    }

    [Test]
    public async Task A_claimed_message_cannot_be_released_and_a_claim_left_by_a_crash_is_put_back_after_the_grace()
    {
        var spool = new MessageSpool(_dir);
        var id = await HoldAsync(spool);
        var now = DateTimeOffset.UtcNow;
        var claimed = spool.ClaimHeld(id, now);
        Assert.That(claimed, Is.Not.Null);
        Assert.That(spool.ClaimHeld(id, now), Is.Null, "one claim wins");
        Assert.That(await spool.ReleaseAsync(id, CancellationToken.None), Is.False, "a message being rejected cannot also be released");

        var restarted = new MessageSpool(_dir);
        Assert.That(restarted.RestoreClaims(now.AddMinutes(1), TimeSpan.FromMinutes(10)), Is.Zero, "a young claim may be a reject in progress");
        Assert.That(restarted.RestoreClaims(now.AddMinutes(11), TimeSpan.FromMinutes(10)), Is.EqualTo(1));
        Assert.That(spool.List(SpoolArea.Hold), Is.EqualTo(new[] { id }), "better held twice than lost unreviewed");
    }
}
