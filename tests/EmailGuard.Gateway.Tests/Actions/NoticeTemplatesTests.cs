using EmailGuard.Gateway.Actions;

namespace EmailGuard.Gateway.Tests.Actions;

public sealed class NoticeTemplatesTests
{
    private static readonly Dictionary<string, string> Values = new() { ["subject"] = "<script>x</script>\r\nBcc: a\u0007", ["queueId"] = "ID1" };

    [Test]
    public void A_Trust_rewording_replaces_one_file_and_the_shipped_wording_covers_the_rest()
    {
        using var dir = new TempConfig();
        dir.Write("notice-held.txt", "Oakfield says: {{subject}} ({{queueId}}) {{unknownThing}}");
        dir.Write("next-pupil-contact.txt", "Ring the DSL.\n");
        var templates = NoticeTemplates.Load(dir.Path);

        var (text, html) = templates.Render("notice-held", Values);

        Assert.That(text, Is.EqualTo("Oakfield says: <script>x</script> \nBcc: a  (ID1) {{unknownThing}}"), "CR and other controls become spaces; a misspelt placeholder stays visible");
        Assert.That(html, Does.Contain("&lt;script&gt;x&lt;/script&gt;").And.Contain("held for review"), "HTML encoded, from the shipped template");
        Assert.That(templates.NextSteps("pupil-contact"), Is.EqualTo("Ring the DSL."));
        Assert.That(templates.NextSteps("exposed-recipients"), Does.Contain("Bcc"));
        Assert.That(templates.NextSteps("a-rule-added-later"), Does.Contain("school office"));
    }

    [Test]
    public void Every_shipped_template_exists_in_config_templates_and_is_built_in()
    {
        var shipped = Directory.GetFiles(RepoRoot.Combine("config", "templates")).Select(Path.GetFileName).Order().ToList();
        Assert.That(shipped, Is.SupersetOf(new[] { "notice-expired.html", "notice-expired.txt", "notice-held.html", "notice-held.txt", "notice-rejected.html", "notice-rejected.txt", "next-default.txt" }));
        var builtIn = NoticeTemplates.Load(null);
        foreach (var kind in new[] { "notice-held", "notice-rejected", "notice-expired" })
        {
            var (text, html) = builtIn.Render(kind, Values);
            Assert.That(text, Does.Contain("ID1"), kind);
            Assert.That(html, Does.Contain("ID1"), kind);
        }
    }

    [TestCase(30 * 24 * 60, "30 days")]
    [TestCase(24 * 60, "1 day")]
    [TestCase(120, "2 hours")]
    [TestCase(90, "90 minutes")]
    public void Retention_is_said_the_way_a_person_would(int minutes, string expected) =>
        Assert.That(SenderNotice.Duration(TimeSpan.FromMinutes(minutes)), Is.EqualTo(expected));
}
