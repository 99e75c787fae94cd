using EmailGuard.Policy.People;
using EmailGuard.Policy.Text;
using MimeKit;

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
        HeaderText.RegisterCodePages();
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
            var subject = TextNormalizer.Normalize(HeaderText.Decode(header));
            foreach (var match in _names.FindAll(subject))
            {
                var others = match.Owners.Count > 1 ? $" and {match.Owners.Count - 1} other pupil(s) of that name" : "";
                hits.Add(new RuleHit(
                    $"Subject header {ordinal} names a pupil: \"{match.Form}\" at word {match.TokenIndex + 1} (UPN {match.Owners[0].Upn}{others})"));
            }
        }
    }
}
