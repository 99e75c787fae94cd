using EmailGuard.Policy.People;
using EmailGuard.Policy.Text;
using MimeKit;
using MimeKit.Utils;

namespace EmailGuard.Policy.Rules;

/// <summary>
/// Policy 4.3: "If the e-mail concerns an individual, do not name them in the subject field." Fires when a
/// decoded, normalised Subject contains a pupil's name as whole words. Every Subject header counts: a
/// client may show a different one from the one a filter reads.
/// </summary>
internal sealed class SubjectNamesIndividualRule : IPolicyRule
{
    private readonly NameSequenceIndex<Pupil> _names = new();

    public SubjectNamesIndividualRule(TrustContext trust)
    {
        // .NET ships only Unicode and Latin-1 encodings; without this, subjects in KOI8-R, windows-1251,
        // ISO-8859-7 … decode to replacement characters and a look-alike name slips through. Idempotent.
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var forms = new List<string>();
        for (var i = 0; i < trust.Directory.Pupils.Count; i++)
        {
            PupilNameForms.ForSubjects(trust.PupilNames[i], forms);
            foreach (var form in forms)
            {
                _names.Add(form, trust.Directory.Pupils[i]);
            }
        }
    }

    public string Id => "subject-names-individual";

    public string Clause => "4.3";

    public RuleAction DefaultAction => RuleAction.Reject;

    public void Evaluate(MessageFacts message, List<RuleHit> hits)
    {
        var ordinal = 0;
        foreach (var header in message.Message.Headers)
        {
            if (header.Id != HeaderId.Subject)
            {
                continue;
            }
            ordinal++;
            var subject = TextNormalizer.Normalize(Decode(header));
            foreach (var match in _names.FindAll(subject))
            {
                var others = match.Owners.Count > 1 ? $" and {match.Owners.Count - 1} other pupil(s) of that name" : "";
                hits.Add(new RuleHit(
                    $"Subject header {ordinal} names a pupil: \"{match.Form}\" at word {match.TokenIndex + 1} (UPN {match.Owners[0].Upn}{others})"));
            }
        }
    }

    private static string Decode(Header header)
    {
        // Header.Value is already RFC 2047-decoded and unfolded; decode again in case encoded words survived
        // (e.g. nested or malformed ones some clients display anyway).
        var value = header.Value ?? string.Empty;
        return value.Contains("=?", StringComparison.Ordinal)
            ? Rfc2047.DecodeText(System.Text.Encoding.UTF8.GetBytes(value))
            : value;
    }
}
