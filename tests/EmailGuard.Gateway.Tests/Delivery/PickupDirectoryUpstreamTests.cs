using System.Text;
using System.Text.Json;
using EmailGuard.Gateway.Delivery;
using EmailGuard.Gateway.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EmailGuard.Gateway.Tests.Delivery;

public class PickupDirectoryUpstreamTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Path.Combine(Path.GetTempPath(), "emailguard-pickup-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void DeleteDirectory()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Test]
    public async Task Writes_the_exact_bytes_and_the_envelope_and_reports_every_recipient_delivered()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-25T13:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var upstream = new PickupDirectoryUpstream(_directory, time, NullLoggerFactory.Instance);
        var content = Encoding.UTF8.GetBytes(".odd\r\nSubject: Grüße\r\n\r\n" + new string('x', 1500) + "\nno final newline");

        var outcome = await upstream.SendAsync(string.Empty, ["b@example.test", "c@example.test"], Messages.Stream(content), CancellationToken.None);

        var eml = Directory.GetFiles(_directory, "*.eml").Single();
        var sidecar = Path.ChangeExtension(eml, ".envelope.json");
        using var envelope = JsonDocument.Parse(await File.ReadAllBytesAsync(sidecar));
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Recipients.Select(r => r.Status), Is.All.EqualTo(RecipientStatus.Delivered));
            Assert.That(File.ReadAllBytes(eml), Is.EqualTo(content));
            Assert.That(envelope.RootElement.GetProperty("mailFrom").GetString(), Is.Empty);
            Assert.That(envelope.RootElement.GetProperty("recipients").EnumerateArray().Select(e => e.GetString()),
                Is.EqualTo(new[] { "b@example.test", "c@example.test" }));
            Assert.That(envelope.RootElement.GetProperty("writtenAt").GetDateTimeOffset(), Is.EqualTo(time.GetUtcNow()));
            Assert.That(Directory.GetFiles(_directory), Has.Length.EqualTo(2), "no temporary files left behind");
        });
    }

    [Test]
    [Platform(Exclude = "Win")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Nothing_in_the_pickup_directory_is_readable_by_other_users()
    {
        var outbox = Path.Combine(_directory, "outbox");
        await using var upstream = new PickupDirectoryUpstream(outbox, TimeProvider.System, NullLoggerFactory.Instance);

        await upstream.SendAsync("staff@trust.test", ["parent@example.org"], Messages.Stream("Subject: Zoe\r\n\r\nHi\r\n"u8.ToArray()), CancellationToken.None);

        const UnixFileMode others = UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        Assert.That(File.GetUnixFileMode(outbox) & others, Is.EqualTo(UnixFileMode.None));
        Assert.That(Directory.GetFiles(outbox), Has.Length.EqualTo(2));
        foreach (var file in Directory.GetFiles(outbox))
        {
            Assert.That(File.GetUnixFileMode(file), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead), file);
        }
    }

    [Test]
    public async Task File_names_sort_in_the_order_messages_were_written()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-25T13:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var upstream = new PickupDirectoryUpstream(_directory, time, NullLoggerFactory.Instance);

        for (var i = 0; i < 5; i++)
        {
            await upstream.SendAsync("a@school.test", ["b@example.test"], Messages.Stream(Messages.Simple($"n{i}")), CancellationToken.None);
            time.Advance(TimeSpan.FromMilliseconds(1));
        }

        var subjects = Directory.GetFiles(_directory, "*.eml").Order(StringComparer.Ordinal)
            .Select(file => File.ReadAllText(file).Split("\r\n")[1]);
        Assert.That(subjects, Is.EqualTo(Enumerable.Range(0, 5).Select(i => $"Subject: n{i}")));
    }

    [Test]
    public async Task Relative_pickup_directory_resolves_under_the_data_directory()
    {
        var options = new UpstreamOptions { Mode = UpstreamMode.Pickup, PickupDirectory = "outbox" };

        await using var upstream = UpstreamFactory.Create(options, _directory, TimeProvider.System, NullLoggerFactory.Instance);
        await upstream.SendAsync("a@school.test", ["b@example.test"], Messages.Stream(Messages.Simple()), CancellationToken.None);

        Assert.That(Directory.GetFiles(Path.Combine(_directory, "outbox"), "*.envelope.json"), Has.Length.EqualTo(1));
    }
}
