using EmailGuard.Policy.Configuration;

namespace EmailGuard.Policy.Tests.Configuration;

public class OccasionalMonitoringValidationTests
{
    private static OccasionalMonitoringEntry Valid() => new()
    {
        Employee = "m.head@" + TestTrust.Domain,
        Start = "2026-11-02T08:00:00Z",
        End = "2026-12-01T17:00:00+00:00",
        PiaReference = "PIA-2026-014",
        AuthorisedBy = "Chief Executive Headteacher",
        Reviewer = "hr@" + TestTrust.Domain,
    };

    private static List<string> Errors(Action<OccasionalMonitoringEntry> change, int maxDays = 90)
    {
        var settings = TestTrust.Settings();
        settings.OccasionalMonitoringMaxDays = maxDays;
        var entry = Valid();
        change(entry);
        settings.OccasionalMonitoring.AddRange([Valid(), entry]);
        return PolicySettingsValidator.Validate(settings, PolicyPipeline.RuleIds.ToList());
    }

    [Test]
    public void Valid_entry_is_accepted()
    {
        Assert.That(Errors(_ => { }), Is.Empty);
    }

    [TestCase(nameof(OccasionalMonitoringEntry.PiaReference), null, "OccasionalMonitoring:1:PiaReference: required", TestName = "Entry_without_pia_reference_is_refused")]
    [TestCase(nameof(OccasionalMonitoringEntry.PiaReference), "  ", "OccasionalMonitoring:1:PiaReference: required", TestName = "Entry_with_blank_pia_reference_is_refused")]
    [TestCase(nameof(OccasionalMonitoringEntry.End), null, "OccasionalMonitoring:1:End: required", TestName = "Entry_without_end_is_refused")]
    [TestCase(nameof(OccasionalMonitoringEntry.End), "2026-11-01T08:00:00Z", "OccasionalMonitoring:1:End: must be after Start", TestName = "Entry_ending_before_it_starts_is_refused")]
    [TestCase(nameof(OccasionalMonitoringEntry.End), "2026-11-02T08:00:00Z", "OccasionalMonitoring:1:End: must be after Start", TestName = "Entry_ending_as_it_starts_is_refused")]
    [TestCase(nameof(OccasionalMonitoringEntry.End), "2027-03-01T08:00:00Z", "OccasionalMonitoring:1:End: the window is 119 days, longer than OccasionalMonitoringMaxDays (90)", TestName = "Entry_longer_than_the_maximum_is_refused")]
    [TestCase(nameof(OccasionalMonitoringEntry.End), "2026-12-01", "OccasionalMonitoring:1:End: not an ISO 8601 date-time with a UTC offset", TestName = "End_without_time_and_offset_is_refused")]
    [TestCase(nameof(OccasionalMonitoringEntry.Start), "2026-11-02T08:00:00", "OccasionalMonitoring:1:Start: not an ISO 8601 date-time with a UTC offset", TestName = "Start_without_offset_is_refused")]
    [TestCase(nameof(OccasionalMonitoringEntry.Start), null, "OccasionalMonitoring:1:Start: required", TestName = "Entry_without_start_is_refused")]
    [TestCase(nameof(OccasionalMonitoringEntry.AuthorisedBy), "", "OccasionalMonitoring:1:AuthorisedBy: required", TestName = "Entry_without_authoriser_is_refused")]
    [TestCase(nameof(OccasionalMonitoringEntry.Reviewer), null, "OccasionalMonitoring:1:Reviewer: required", TestName = "Entry_without_reviewer_is_refused")]
    [TestCase(nameof(OccasionalMonitoringEntry.Reviewer), "hr@gmail.com", "OccasionalMonitoring:1:Reviewer: not in one of the TrustDomains", TestName = "Reviewer_outside_the_trust_is_refused")]
    [TestCase(nameof(OccasionalMonitoringEntry.Employee), "not-an-address", "OccasionalMonitoring:1:Employee: not an email address", TestName = "Employee_that_is_not_an_address_is_refused")]
    public void Invalid_entry_is_refused_naming_index_and_key(string key, string? value, string expected)
    {
        var errors = Errors(e => typeof(OccasionalMonitoringEntry).GetProperty(key)!.SetValue(e, value));

        Assert.That(errors, Has.Exactly(1).StartsWith(expected));
        Assert.That(errors, Has.Count.EqualTo(1));
    }

    [Test]
    public void Errors_never_quote_the_employee()
    {
        var errors = Errors(e => e.Reviewer = "m.head.private@gmail.com");

        Assert.That(errors, Has.None.Contains("m.head"));
    }

    [Test]
    public void Every_problem_is_reported_at_once_and_the_pipeline_is_refused()
    {
        var settings = TestTrust.Settings();
        settings.OccasionalMonitoring.Add(new OccasionalMonitoringEntry { Employee = "m.head@" + TestTrust.Domain, Start = "2026-11-02T08:00:00Z" });

        var ex = Assert.Throws<PolicyConfigurationException>(() => PolicyPipeline.Create(settings, TestTrust.Directory));

        Assert.That(ex!.Errors, Is.EquivalentTo(new[]
        {
            "OccasionalMonitoring:0:Reviewer: required",
            "OccasionalMonitoring:0:PiaReference: required: monitoring follows a privacy impact assessment (policy 7.1)",
            "OccasionalMonitoring:0:AuthorisedBy: required: who authorised the monitoring",
            "OccasionalMonitoring:0:End: required: occasional monitoring is a short-term measure (policy 7.2)",
        }));
    }

    [TestCase(0)]
    [TestCase(366)]
    public void Maximum_days_out_of_range_is_refused(int maxDays)
    {
        Assert.That(Errors(_ => { }, maxDays), Has.Some.StartsWith("OccasionalMonitoringMaxDays: must be between 1 and 365"));
    }

    [TestCase("hold", true)]
    [TestCase("Reject", true)]
    [TestCase("monitor", false)]
    [TestCase("forward", false)]
    public void Occasional_monitoring_may_only_copy_never_hold_or_reject(string action, bool refused)
    {
        var settings = TestTrust.Settings();
        settings.Rules["occasional-monitoring"] = new RuleSettings { Action = action };

        var errors = PolicySettingsValidator.Validate(settings, PolicyPipeline.RuleIds.ToList());

        Assert.That(errors.Any(e => e.StartsWith("Rules:occasional-monitoring:Action: must be monitor or forward")), Is.EqualTo(refused));
    }
}
