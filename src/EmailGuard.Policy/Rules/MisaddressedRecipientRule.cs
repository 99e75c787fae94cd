using EmailGuard.Policy.Addresses;
using EmailGuard.Policy.Text;

namespace EmailGuard.Policy.Rules;

/// <summary>
/// Policy 4.2: "Always double-check that the email has been addressed to the correct recipient(s)." Fires
/// for an external recipient that looks like a slip: a domain imitating a Trust, partner or mail-provider
/// domain; a display name of a staff member or pupil on an address that is not theirs; or a Trust account's
/// local part at a foreign domain (j.smith@gmail.com for j.smith@trust), ignoring role names anyone may have.
/// </summary>
internal sealed class MisaddressedRecipientRule : IPolicyRule
{
    // Role mailboxes exist at most organisations, so sharing one with the Trust says nothing about a slip.
    private static readonly HashSet<string> GenericLocalParts = new(StringComparer.Ordinal)
    {
        "info", "office", "admin", "enquiries", "enquiry", "contact", "hello", "support", "help", "mail", "post",
        "postmaster", "noreply", "no-reply", "donotreply", "reception", "finance", "accounts", "hr", "it",
        "ict", "webmaster", "abuse", "head", "headteacher", "head.teacher", "bursar", "clerk", "governors",
        "admissions", "exams", "senco", "sendco", "dsl", "safeguarding", "school", "team", "sales", "payroll",
        "careers", "library", "reports", "invoices", "marketing", "news", "events", "parents", "staff",
    };

    private readonly TrustContext _trust;
    private readonly DomainResemblance _domains;
    private readonly Dictionary<string, HashSet<string>> _addressesByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _trustLocalParts = new(StringComparer.Ordinal);

    public MisaddressedRecipientRule(TrustContext trust)
    {
        _trust = trust;
        _domains = new DomainResemblance(
            trust.TrustAndPupilDomains.Concat(trust.PartnerDomains).Concat(trust.MailProviderDomains));
        foreach (var staff in trust.Directory.Staff)
        {
            AddPerson(PupilNameForms.FullNames(staff.FirstName, staff.LastName), [staff.Email]);
            AddTrustLocalPart(staff.Email);
        }
        foreach (var pupil in trust.Directory.Pupils)
        {
            AddPerson(PupilNameForms.FullNames(pupil.FirstName, pupil.LastName, pupil.PreferredName),
                pupil.PersonalEmails.Prepend(pupil.Email));
        }
        foreach (var account in trust.Settings.ApprovedAccounts)
        {
            AddTrustLocalPart(account);
        }
    }

    public string Id => "misaddressed-recipient";

    public string Clause => "4.2";

    public RuleAction DefaultAction => RuleAction.Hold;

    public void Evaluate(MessageFacts message, List<RuleHit> hits)
    {
        foreach (var recipient in message.AllRecipients)
        {
            if (_trust.IsTrustDomain(recipient.Domain) || _trust.FindPupil(recipient) is not null)
            {
                continue;
            }
            if (_domains.Describe(recipient.Domain) is { } resembled)
            {
                hits.Add(new RuleHit($"Recipient {recipient}: domain {recipient.Domain} resembles {resembled}", recipient));
            }
            else if (_trustLocalParts.TryGetValue(recipient.LocalPart, out var trustAddress)
                && !_trust.PartnerDomains.Contains(recipient.Domain))
            {
                hits.Add(new RuleHit(
                    $"Recipient {recipient}: same mailbox name as Trust account {trustAddress} but at foreign domain {recipient.Domain}",
                    recipient));
            }
        }
        foreach (var mailbox in message.ToAndCc)
        {
            if (mailbox.Address is not { } address || _trust.IsTrustDomain(address.Domain) || mailbox.DisplayName.Length == 0)
            {
                continue;
            }
            if (_addressesByName.TryGetValue(TextNormalizer.Normalize(mailbox.DisplayName), out var theirs)
                && !theirs.Contains(address.ToString()))
            {
                hits.Add(new RuleHit(
                    $"Recipient {address}: display name \"{mailbox.DisplayName}\" is a Trust staff member or pupil, but the address is external and not theirs",
                    address));
            }
        }
    }

    private void AddPerson(IEnumerable<string> names, IEnumerable<string> addresses)
    {
        var normalized = addresses
            .Select(a => MailAddress.TryParse(a, out var parsed) ? parsed.ToString() : null)
            .OfType<string>()
            .ToList();
        foreach (var name in names)
        {
            if (!_addressesByName.TryGetValue(name, out var set))
            {
                _addressesByName[name] = set = new HashSet<string>(StringComparer.Ordinal);
            }
            set.UnionWith(normalized);
        }
    }

    private void AddTrustLocalPart(string account)
    {
        if (MailAddress.TryParse(account, out var address) && _trust.IsTrustDomain(address.Domain)
            && address.LocalPart.Length >= 4 && !GenericLocalParts.Contains(address.LocalPart))
        {
            _trustLocalParts.TryAdd(address.LocalPart, address.ToString());
        }
    }
}
