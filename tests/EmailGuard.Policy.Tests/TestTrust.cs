using System.Text;
using EmailGuard.Policy.Configuration;
using EmailGuard.Policy.People;
using MimeKit;

namespace EmailGuard.Policy.Tests;

/// <summary>A small fictional Trust and helpers to run raw messages through its pipeline.</summary>
internal static class TestTrust
{
    public const string Domain = "oakfield-trust.example";
    public const string PupilDomain = "pupils.oakfield-trust.example";
    public const string Teacher = "j.teacher@oakfield-trust.example";
    public const string Office = "office@oakfield-trust.example";
    public const string Platform = "noreply@learning-platform.example";

    public static readonly TrustDirectory Directory = new(
        [
            new Pupil("P001", "Zoë", "Smith", "", "zoe.smith@" + PupilDomain, ["zoe.s@gmail.com"]),
            new Pupil("P002", "John", "Smith", "Jack", "john.smith@" + PupilDomain, []),
            new Pupil("P003", "Ann", "Lee", "", "ann.lee@" + PupilDomain, []),
            new Pupil("P004", "Mary Ann", "O'Brien", "", "mary.obrien@" + PupilDomain, []),
            new Pupil("P005", "Siobhán", "Nowak-Price", "", "s.nowak@" + PupilDomain, ["nowak.family@outlook.com"]),
        ],
        [
            new StaffMember("Jane", "Teacher", Teacher),
            new StaffMember("Mark", "Head", "m.head@" + Domain),
        ]);

    public static PolicySettings Settings() => new()
    {
        TrustDomains = [Domain],
        PupilDomains = [PupilDomain],
        ApprovedAccounts = [Office],
        LearningPlatformSenders = [Platform],
        PartnerDomains = ["norfolk-county.example"],
        MonitorAddresses = ["esafety@" + Domain],
    };

    public static PolicyPipeline Pipeline(Action<PolicySettings>? configure = null)
    {
        var settings = Settings();
        configure?.Invoke(settings);
        return PolicyPipeline.Create(settings, Directory);
    }

    /// <summary>Parses a message from header lines (joined with CRLF) plus a short body.</summary>
    public static MimeMessage Parse(params string[] headerLines)
    {
        var raw = string.Join("\r\n", headerLines) + "\r\n\r\nBody text.\r\n";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(raw));
        return MimeMessage.Load(stream);
    }

    /// <summary>A message from the teacher to a parent with the given Subject line as written on the wire.</summary>
    public static MimeMessage WithSubject(string rawSubject) =>
        Parse($"From: Jane Teacher <{Teacher}>", "To: parent@example.net", "Subject: " + rawSubject);

    public static Envelope Envelope(string mailFrom = Teacher, params string[] recipients) =>
        new(mailFrom, recipients.Length == 0 ? ["parent@example.net"] : recipients);

    public static IEnumerable<Finding> FindingsOf(this Verdict verdict, string rule) =>
        verdict.Findings.Where(f => f.Rule == rule);
}
