using System.Buffers;
using System.Text;
using EmailGuard.Gateway.Spool;
using EmailGuard.Policy;

namespace EmailGuard.Gateway.Tests.Spool;

public sealed class MessageSpoolTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("emailguard-spool-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private static SpoolEnvelope Envelope(string id) =>
        new(id, SpoolKind.Message, "a@trust.test", ["b@example.org"], "127.0.0.1", DateTimeOffset.UnixEpoch, RuleAction.Monitor,
            [new Finding("safety-concern", "7.2.1", RuleAction.Monitor, false, "evidence")]);

    [Test]
    public async Task Committed_message_reads_back_with_envelope_and_exact_bytes()
    {
        var spool = new MessageSpool(_dir);
        var id = QueueId.New(DateTimeOffset.UtcNow);
        var body = new byte[] { 0, 1, 2, 255, 13, 10, (byte)'\n' };
        await spool.CommitAsync(Envelope(id), SpoolArea.Queue, [new ReadOnlySequence<byte>("X: 1\r\n"u8.ToArray()), new ReadOnlySequence<byte>(body)], default);

        using var message = spool.Open(SpoolArea.Queue, id);
        Assert.That(message!.Envelope, Is.EqualTo(Envelope(id)).Using<SpoolEnvelope>((a, b) =>
            a.Id == b.Id && a.MailFrom == b.MailFrom && a.Recipients.SequenceEqual(b.Recipients) && a.Findings.SequenceEqual(b.Findings) && a.Action == b.Action));
        using var copy = new MemoryStream();
        await message.Content.CopyToAsync(copy);
        Assert.That(copy.ToArray(), Is.EqualTo("X: 1\r\n"u8.ToArray().Concat(body).ToArray()));
    }

    [Test]
    public async Task Held_message_is_not_in_the_queue()
    {
        var spool = new MessageSpool(_dir);
        var id = QueueId.New(DateTimeOffset.UtcNow);
        await spool.CommitAsync(Envelope(id), SpoolArea.Hold, [new ReadOnlySequence<byte>("X: 1\r\n"u8.ToArray())], default);
        Assert.That(spool.List(SpoolArea.Queue), Is.Empty);
        Assert.That(spool.List(SpoolArea.Hold), Is.EqualTo(new[] { id }));
    }

    [Test]
    public void Recover_drops_unfinished_writes_and_orphan_states()
    {
        var spool = new MessageSpool(_dir);
        File.WriteAllText(Path.Combine(spool.Root, "tmp", "PARTIAL.msg"), "half");
        File.WriteAllText(Path.Combine(spool.Root, "queue", "ORPHAN.state"), "{}");
        Assert.That(spool.Recover(), Is.EqualTo(1));
        Assert.That(Directory.EnumerateFiles(spool.Root, "*", SearchOption.AllDirectories), Is.Empty);
    }

    [Test]
    public async Task State_round_trips_and_retry_request_makes_it_due_and_kicks()
    {
        var spool = new MessageSpool(_dir);
        var id = QueueId.New(DateTimeOffset.UtcNow);
        await spool.CommitAsync(Envelope(id), SpoolArea.Queue, [new ReadOnlySequence<byte>("X: 1\r\n"u8.ToArray())], default);
        spool.WriteState(id, new DeliveryState(3, DateTimeOffset.MaxValue, ["b@example.org"], [new FailedRecipient("c@example.org", "550 no")], "451 later"));
        Assert.That(spool.ReadState(id)!.Attempts, Is.EqualTo(3));

        Assert.That(spool.RequestRetry(id), Is.True);
        Assert.That(spool.ReadState(id)!.NextAttemptAt, Is.EqualTo(DateTimeOffset.UnixEpoch));
        Assert.That(spool.TakeKicks(), Is.EqualTo(new[] { id }));
        Assert.That(spool.TakeKicks(), Is.Empty);
    }

    [Test]
    public async Task Delete_removes_message_and_state()
    {
        var spool = new MessageSpool(_dir);
        var id = QueueId.New(DateTimeOffset.UtcNow);
        await spool.CommitAsync(Envelope(id), SpoolArea.Queue, [new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes("X: 1\r\n"))], default);
        spool.WriteState(id, DeliveryState.Initial(Envelope(id)));
        Assert.That(spool.Delete(SpoolArea.Queue, id), Is.True);
        Assert.That(spool.Open(SpoolArea.Queue, id), Is.Null);
        Assert.That(spool.ReadState(id), Is.Null);
        Assert.That(spool.Delete(SpoolArea.Queue, id), Is.False);
    }

    [Test]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Spool_files_are_private_to_the_service_user()
    {
        Assume.That(OperatingSystem.IsWindows(), Is.False);
        var spool = new MessageSpool(_dir);
        var id = QueueId.New(DateTimeOffset.UtcNow);
        await spool.CommitAsync(Envelope(id), SpoolArea.Queue, [new ReadOnlySequence<byte>("X: 1\r\n"u8.ToArray())], default);
        Assert.That(File.GetUnixFileMode(spool.PathOf(SpoolArea.Queue, id)), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.That(File.GetUnixFileMode(Path.Combine(spool.Root, "queue")) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead), Is.EqualTo(UnixFileMode.None));
        Assert.That(File.GetUnixFileMode(spool.Root) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.OtherExecute), Is.EqualTo(UnixFileMode.None));
    }

    [Test]
    public void Queue_ids_sort_by_time_and_validate()
    {
        var a = QueueId.New(DateTimeOffset.FromUnixTimeMilliseconds(1_000));
        var b = QueueId.New(DateTimeOffset.FromUnixTimeMilliseconds(2_000));
        Assert.That(string.CompareOrdinal(a, b), Is.LessThan(0));
        Assert.That(QueueId.IsValid(a), Is.True);
        Assert.That(QueueId.IsValid("../../etc/passwd"), Is.False);
    }
}
