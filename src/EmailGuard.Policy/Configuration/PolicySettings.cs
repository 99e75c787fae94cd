namespace EmailGuard.Policy.Configuration;

/// <summary>
/// The <c>EmailGuard:Policy</c> configuration section. Plain settable properties so
/// Microsoft.Extensions.Configuration can bind it; checked by <see cref="PolicySettingsValidator"/>.
/// </summary>
public sealed class PolicySettings
{
    public const string SectionName = "EmailGuard:Policy";

    /// <summary>The Trust's own mail domains (staff, shared mailboxes). Required: without them nothing is internal.</summary>
    public List<string> TrustDomains { get; set; } = [];

    /// <summary>Domains holding pupil accounts, e.g. a pupils' subdomain. Trust-owned, but a pupil lives there.</summary>
    public List<string> PupilDomains { get; set; } = [];

    /// <summary>Approved accounts beyond staff.csv: shared mailboxes, system senders.</summary>
    public List<string> ApprovedAccounts { get; set; } = [];

    /// <summary>Senders of the learning platform, which may write to pupils (policy 4.4).</summary>
    public List<string> LearningPlatformSenders { get; set; } = [];

    /// <summary>Domains the Trust writes to routinely (e.g. the local authority); typo look-alikes of them are held.</summary>
    public List<string> PartnerDomains { get; set; } = [];

    /// <summary>The E-safety monitors who receive a copy of monitored mail (policy 7.2.1).</summary>
    public List<string> MonitorAddresses { get; set; } = [];

    /// <summary>Where pupils.csv and staff.csv live; relative paths are to the config directory. Default "directory".</summary>
    public string DirectoryPath { get; set; } = "directory";

    /// <summary>
    /// How many external addresses may be visible in To/Cc before exposed-recipients holds the message.
    /// Default 5: a handful of parents or partners on one thread is normal; a class list is not.
    /// </summary>
    public int ExposedRecipientsThreshold { get; set; } = 5;

    /// <summary>
    /// Public mail providers whose look-alikes are held. Null means <see cref="DefaultMailProviderDomains"/>;
    /// a configured list replaces (not extends) it, so a Trust can drop a provider it never uses.
    /// </summary>
    public List<string>? MailProviderDomains { get; set; }

    /// <summary>
    /// The safety-concern lexicon (policy 7.2.1): a CSV of category, severity and phrase; relative paths are to
    /// the config directory. Default "lexicon/safety-lexicon.csv". Read only while the rule is enabled.
    /// </summary>
    public string SafetyLexiconPath { get; set; } = "lexicon/safety-lexicon.csv";

    /// <summary>
    /// Most characters of decoded text (subjects, then text/plain and text/html parts, HTML counted before its
    /// tags are removed) the safety-concern rule reads per message. Default 1,000,000: about 150,000 words, far
    /// beyond any hand-written email, while a 30 MB body still costs a bounded few milliseconds.
    /// </summary>
    public int SafetyScanMaxChars { get; set; } = 1_000_000;

    /// <summary>
    /// Occasional monitoring exercises (policy 7.1, 7.2): while one is active, mail the employee sends is copied
    /// to that exercise's reviewer. Each needs a privacy impact assessment reference and an end. Default none.
    /// </summary>
    public List<OccasionalMonitoringEntry> OccasionalMonitoring { get; set; } = [];

    /// <summary>
    /// Longest allowed occasional monitoring window, in days. Default 90: the policy calls it "a short term
    /// measure"; anything longer needs a new assessment and a new entry.
    /// </summary>
    public int OccasionalMonitoringMaxDays { get; set; } = 90;

    /// <summary>Per rule id: enabled, action, observe and exceptions. Rules not listed run with their defaults.</summary>
    public Dictionary<string, RuleSettings> Rules { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyList<string> DefaultMailProviderDomains { get; } =
    [
        "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "hotmail.co.uk", "live.com", "live.co.uk",
        "msn.com", "yahoo.com", "yahoo.co.uk", "icloud.com", "me.com", "aol.com", "btinternet.com", "sky.com",
        "virginmedia.com", "talktalk.net", "protonmail.com", "proton.me", "gmx.com", "mail.com", "zoho.com",
    ];

    public IReadOnlyList<string> EffectiveMailProviderDomains => MailProviderDomains ?? DefaultMailProviderDomains;
}
