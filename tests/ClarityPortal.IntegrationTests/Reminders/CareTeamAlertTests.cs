using ClarityPortal.Data.Contact;
using ClarityPortal.Data.Identity;
using ClarityPortal.Data.Mail;
using ClarityPortal.IntegrationTests.Contact;
using ClarityPortal.IntegrationTests.Patients;
using ClarityPortal.Web.Features.Contact;
using ClarityPortal.Web.Features.Progress;
using ClarityPortal.Web.Features.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClarityPortal.IntegrationTests.Reminders;

/// <summary>Staff hear about questions meant for them: at once, in a daily digest, or not at all.</summary>
public sealed class CareTeamAlertTests : IAsyncLifetime
{
    private readonly ReminderFactory portal = new();

    public Task InitializeAsync() => portal.SeedAsync();

    public async Task DisposeAsync() => await portal.DisposeAsync();

    private async Task AskAsync(ApplicationUser patient, string question)
    {
        var module = await portal.WithDbAsync(db =>
            db.Modules.Where(m => m.IsPublished).Select(m => new { m.Slug, m.CurrentRevisionId }).FirstAsync()
        );
        await using var scope = portal.ScopeAs(CaseloadFactory.As(patient, PortalRoles.Patient));
        var asked = await scope
            .ServiceProvider.GetRequiredService<ProgressService>()
            .AcknowledgeAsync(module.Slug, module.CurrentRevisionId!.Value, question);
        Assert.True(asked.Accepted, asked.Problem);
    }

    private Task<List<OutboxMessage>> MailsToAsync(ApplicationUser staff) =>
        portal.WithDbAsync(db => db.Outbox.Where(m => m.To == staff.Email).ToListAsync());

    private Task<int> SetPreferenceAsync(ApplicationUser staff, AlertPreference preference) =>
        portal.WithDbAsync(db =>
            db.Users.Where(u => u.Id == staff.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.AlertPreference, preference))
        );

    [Fact]
    public async Task AQuestionFromALessonMailsTheCareTeamALinkAndNoPatientDetails()
    {
        await AskAsync(portal.PatientOfA, "Can I drive home after my session?");

        var mail = Assert.Single(await MailsToAsync(portal.ClinicianA));
        Assert.Equal(CareTeamAlerts.Subject, mail.Subject);
        var code = await portal.WithDbAsync(db => db.ContactRequests.Select(r => r.Code).SingleAsync());
        Assert.Contains($"https://clarity.test/clinician/inbox/{code}", mail.Body, StringComparison.Ordinal);
        foreach (var detail in new[] { "Patricia", "pa@example.org", "drive", "ketamine", "NMDA" })
        {
            Assert.DoesNotContain(detail, mail.Body, StringComparison.OrdinalIgnoreCase);
        }

        var titles = await portal.WithDbAsync(db => db.Modules.Select(m => m.Title).ToListAsync());
        Assert.All(titles, t => Assert.DoesNotContain(t, mail.Body, StringComparison.OrdinalIgnoreCase));
        Assert.Empty(await MailsToAsync(portal.ClinicianB)); // not patient A's care team
    }

    [Fact]
    public async Task ADigestReaderGetsOneMailAfterEightAndSomeoneWhoChoseNoneGetsNothing()
    {
        await SetPreferenceAsync(portal.ClinicianA, AlertPreference.DailyDigest);
        await SetPreferenceAsync(portal.ClinicianB, AlertPreference.None);
        portal.Clock.Now = new DateTimeOffset(2026, 12, 2, 15, 0, 0, TimeSpan.Zero); // 07:00 in the clinic
        await AskAsync(portal.PatientOfA, "First question");
        await AskAsync(portal.PatientOfA, "Second question");
        await AskAsync(portal.PatientOfB, "A question for the other team");
        var scheduler = ActivatorUtilities.CreateInstance<ReminderScheduler>(portal.Services);

        await scheduler.RunOnceAsync(); // before 8: nothing yet
        Assert.Empty(await MailsToAsync(portal.ClinicianA));

        portal.Clock.Now = portal.Clock.Now.AddHours(2); // 09:00
        await scheduler.RunOnceAsync();
        await scheduler.RunOnceAsync(); // the same day again: no second digest

        var digest = Assert.Single(await MailsToAsync(portal.ClinicianA));
        Assert.Equal(CareTeamAlerts.DigestSubject, digest.Subject);
        Assert.Contains("2 new items", digest.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("First question", digest.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Patricia", digest.Body, StringComparison.Ordinal);
        Assert.Empty(await MailsToAsync(portal.ClinicianB));
        Assert.Equal(0, await portal.WithDbAsync(db => db.StaffAlerts.CountAsync(a => a.MailedAt == null)));
    }

    [Fact]
    public async Task AContactRequestNamingAProviderAlertsThatProvidersStaffAccountOnly()
    {
        await portal.WithDbAsync(db =>
            db.Providers.Where(p => p.Slug == "naveen-thomas")
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.ContactEmail, portal.ClinicianB.Email))
        );
        using var visitor = portal.CreatePortalClient();

        var response = await visitor.SubmitContactAsync(
            "203.0.113.9",
            "I would like to start care with Dr. Thomas.",
            name: "Jordan Reyes",
            provider: "naveen-thomas"
        );

        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        var mail = Assert.Single(await MailsToAsync(portal.ClinicianB));
        Assert.Equal(CareTeamAlerts.Subject, mail.Subject);
        Assert.Contains("names you as the provider", mail.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Jordan", mail.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("start care", mail.Body, StringComparison.Ordinal);
        Assert.Empty(await MailsToAsync(portal.ClinicianA));
    }
}
