using EmailGuard.Policy.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace EmailGuard.Policy.Tests.Rules;

public class OccasionalMonitoringRuleTests
{
    private const string Rule = "occasional-monitoring";
    private const string Employee = "m.head@" + TestTrust.Domain;
    private const string Reviewer = "hr.reviewer@" + TestTrust.Domain;
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);

    private static OccasionalMonitoringEntry Entry(string employee = Employee, string reviewer = Reviewer) => new()
    {
        Employee = employee,
        Start = "2026-11-02T08:00:00Z",
        End = "2026-12-01T17:00:00Z",
        PiaReference = "PIA-2026-014",
        AuthorisedBy = "Chief Executive Headteacher",
        Reviewer = reviewer,
    };

    private static (PolicyPipeline Pipeline, FakeTimeProvider Time) Create(params OccasionalMonitoringEntry[] entries)
    {
        var settings = TestTrust.Settings();
        settings.OccasionalMonitoring.AddRange(entries);
        var time = new FakeTimeProvider(Start - TimeSpan.FromDays(1));
        return (PolicyPipeline.Create(settings, TestTrust.Directory, timeProvider: time), time);
    }

    private static Verdict Send(PolicyPipeline pipeline, string from, string? envelopeFrom = null) =>
        pipeline.Evaluate(TestTrust.Parse($"From: {from}", "To: parent@example.net", "Subject: Trip"),
            TestTrust.Envelope(envelopeFrom ?? from));

    [TestCase(-1.0, false, TestName = "Before_the_window_nothing_is_copied")]
    [TestCase(0.0, true, TestName = "At_the_start_the_mail_is_copied")]
    [TestCase(10.0, true, TestName = "Inside_the_window_the_mail_is_copied")]
    [TestCase(29.375, false, TestName = "At_the_end_nothing_is_copied")]
    [TestCase(60.0, false, TestName = "After_the_window_nothing_is_copied")]
    public void Copies_only_inside_the_window(double daysAfterStart, bool copied)
    {
        var (pipeline, time) = Create(Entry());
        time.SetUtcNow(Start + TimeSpan.FromDays(daysAfterStart));

        var verdict = Send(pipeline, Employee);

        Assert.That(verdict.FindingsOf(Rule).Any(), Is.EqualTo(copied));
        Assert.That(verdict.Action, Is.EqualTo(copied ? RuleAction.Monitor : RuleAction.Forward));
    }

    [Test]
    public void Copy_goes_to_the_reviewer_with_the_assessment_and_window_as_evidence()
    {
        var (pipeline, time) = Create(Entry());
        time.SetUtcNow(Start + TimeSpan.FromDays(3));

        var finding = Send(pipeline, Employee).FindingsOf(Rule).Single();

        Assert.That(finding.CopyTo, Is.EqualTo(new[] { Reviewer }));
        Assert.That(finding.Action, Is.EqualTo(RuleAction.Monitor));
        Assert.That(finding.Evidence, Does.Contain("PIA-2026-014").And.Contain("2026-11-02T08:00:00Z").And.Contain("2026-12-01T17:00:00Z"));
        Assert.That(finding.Evidence, Does.Not.Contain("Trip"), "no content");
    }

    [TestCase(TestTrust.Teacher, TestTrust.Teacher, false, TestName = "Other_employees_are_not_copied")]
    [TestCase("Mark Head <M.Head@OAKFIELD-trust.example>", null, true, TestName = "Employee_address_matches_in_any_case")]
    [TestCase(Employee, TestTrust.Office, true, TestName = "From_the_employee_via_another_envelope_sender_is_copied")]
    [TestCase(TestTrust.Office, Employee, true, TestName = "Envelope_sender_the_employee_is_copied")]
    public void Only_that_employee_is_copied(string from, string? envelopeFrom, bool copied)
    {
        var (pipeline, time) = Create(Entry());
        time.SetUtcNow(Start + TimeSpan.FromDays(3));

        Assert.That(Send(pipeline, from, envelopeFrom).FindingsOf(Rule).Any(), Is.EqualTo(copied));
    }

    [Test]
    public void Each_active_exercise_copies_to_its_own_reviewer_and_the_monitor_sees_none()
    {
        var second = Entry(reviewer: "deputy@" + TestTrust.Domain);
        var (pipeline, time) = Create(Entry(), second);
        time.SetUtcNow(Start + TimeSpan.FromDays(3));

        var verdict = Send(pipeline, Employee);
        var copies = verdict.Copies(pipeline.MonitorAddresses);

        Assert.That(copies.Select(c => c.Address), Is.EqualTo(new[] { Reviewer, "deputy@" + TestTrust.Domain }));
        Assert.That(copies.Select(c => c.Address), Has.None.EqualTo("esafety@" + TestTrust.Domain));
    }
}
