using EmailGuard.Policy.Addresses;
using EmailGuard.Policy.Configuration;
using EmailGuard.Policy.People;
using EmailGuard.Policy.Safety;

namespace EmailGuard.Policy.Rules;

/// <summary>
/// Who and what the Trust is, indexed once per configuration load so rules answer per message with hash
/// lookups: its domains, its approved senders, and which addresses belong to pupils.
/// </summary>
internal sealed class TrustContext
{
    private readonly HashSet<string> _trustDomains;
    private readonly HashSet<string> _pupilDomains;
    private readonly HashSet<string> _approvedSenders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PupilAddress> _pupilAddresses = new(StringComparer.Ordinal);

    public static TrustContext Empty { get; } = new(new PolicySettings(), TrustDirectory.Empty);

    public TrustContext(PolicySettings settings, TrustDirectory directory, SafetyLexicon? safetyLexicon = null,
        TimeProvider? time = null)
    {
        Settings = settings;
        Directory = directory;
        SafetyLexicon = safetyLexicon ?? SafetyLexicon.Empty;
        Time = time ?? TimeProvider.System;
        _trustDomains = Domains(settings.TrustDomains);
        _pupilDomains = Domains(settings.PupilDomains);
        PartnerDomains = Domains(settings.PartnerDomains);
        MailProviderDomains = Domains(settings.EffectiveMailProviderDomains);
        var approved = directory.Staff.Select(s => s.Email)
            .Concat(settings.ApprovedAccounts)
            .Concat(settings.LearningPlatformSenders);
        foreach (var entry in approved)
        {
            if (MailAddress.TryParse(entry, out var address))
            {
                _approvedSenders.Add(address.ToString());
            }
        }
        PupilNames = [.. directory.Pupils.Select(p => PersonName.Of(p.FirstName, p.LastName, p.PreferredName))];
        StaffNames = [.. directory.Staff.Select(s => PersonName.Of(s.FirstName, s.LastName))];
        for (var i = 0; i < directory.Pupils.Count; i++)
        {
            var pupil = directory.Pupils[i];
            AddPupilAddress(pupil.Email, i, personal: false);
            foreach (var personal in pupil.PersonalEmails)
            {
                AddPupilAddress(personal, i, personal: true);
            }
        }
    }

    public PolicySettings Settings { get; }

    public TrustDirectory Directory { get; }

    /// <summary>The safety-concern phrases (empty when none were loaded).</summary>
    public SafetyLexicon SafetyLexicon { get; }

    /// <summary>The clock for rules with time windows (occasional monitoring).</summary>
    public TimeProvider Time { get; }

    /// <summary>Normalised names, index for index with <see cref="TrustDirectory.Pupils"/>.</summary>
    public IReadOnlyList<PersonName> PupilNames { get; }

    /// <summary>Normalised names, index for index with <see cref="TrustDirectory.Staff"/>.</summary>
    public IReadOnlyList<PersonName> StaffNames { get; }

    public HashSet<string> PartnerDomains { get; }

    public HashSet<string> MailProviderDomains { get; }

    public IEnumerable<string> TrustAndPupilDomains => _trustDomains.Concat(_pupilDomains);

    /// <summary>In a Trust or pupil domain: mail there stays inside the Trust.</summary>
    public bool IsTrustDomain(string domain) => _trustDomains.Contains(domain) || _pupilDomains.Contains(domain);

    public bool IsPupilDomain(string domain) => _pupilDomains.Contains(domain);

    /// <summary>staff.csv, ApprovedAccounts or LearningPlatformSenders.</summary>
    public bool IsApprovedSender(MailAddress address) => _approvedSenders.Contains(address.ToString());

    /// <summary>The pupil an address is listed for, if any.</summary>
    public PupilAddress? FindPupil(MailAddress address) =>
        _pupilAddresses.TryGetValue(address.ToString(), out var found) ? found : null;

    private void AddPupilAddress(string text, int pupil, bool personal)
    {
        if (MailAddress.TryParse(text, out var address))
        {
            // A school address listed as someone's personal one stays "school": the stricter reading is personal.
            _pupilAddresses[address.ToString()] = new PupilAddress(Directory.Pupils[pupil], personal
                || !IsTrustDomain(address.Domain));
        }
    }

    private static HashSet<string> Domains(IEnumerable<string> domains) =>
        domains.Select(MailAddress.NormalizeDomain).Where(d => d.Length > 0).ToHashSet(StringComparer.Ordinal);
}

/// <summary>An address listed in pupils.csv; <see cref="Personal"/> when it is not a Trust account.</summary>
internal sealed record PupilAddress(Pupil Pupil, bool Personal);
