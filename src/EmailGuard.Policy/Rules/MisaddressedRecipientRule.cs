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
    // Display name → the staff members and pupils (StaffMember or Pupil) with that name.
    private readonly Dictionary<string, Owners<object>> _peopleByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _trustLocalParts = new(StringComparer.Ordinal);

    public MisaddressedRecipientRule(TrustContext trust)
    {
        _trust = trust;
        _domains = new DomainResemblance(
            trust.TrustAndPupilDomains.Concat(trust.PartnerDomains).Concat(trust.MailProviderDomains));
        var forms = new List<string>();
        for (var i = 0; i < trust.Directory.Staff.Count; i++)
        {
            PupilNameForms.FullNames(trust.StaffNames[i], forms);
            AddPerson(forms, trust.Directory.Staff[i]);
            AddTrustLocalPart(trust.Directory.Staff[i].Email);
        }
        for (var i = 0; i < trust.Directory.Pupils.Count; i++)
        {
            PupilNameForms.FullNames(trust.PupilNames[i], forms);
            AddPerson(forms, trust.Directory.Pupils[i]);
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
            if (_peopleByName.TryGetValue(TextNormalizer.Normalize(mailbox.DisplayName), out var people)
                && !people.ToList().Any(person => AddressesOf(person).Contains(address)))
            {
                hits.Add(new RuleHit(
                    $"Recipient {address}: display name \"{mailbox.DisplayName}\" is a Trust staff member or pupil, but the address is external and not theirs",
                    address));
            }
        }
    }

    private void AddPerson(List<string> names, object person)
    {
        foreach (var name in names)
        {
            if (_peopleByName.TryGetValue(name, out var owners))
            {
                owners.Add(person);
            }
            else
            {
                _peopleByName.Add(name, new Owners<object>(person));
            }
        }
    }

    // Parsed only when a display name matches, which is rare, rather than for every person at load.
    private static IEnumerable<MailAddress> AddressesOf(object person)
    {
        var texts = person switch
        {
            People.Pupil pupil => pupil.PersonalEmails.Prepend(pupil.Email),
            People.StaffMember staff => [staff.Email],
            _ => [],
        };
        foreach (var text in texts)
        {
            if (MailAddress.TryParse(text, out var address))
            {
                yield return address;
            }
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
