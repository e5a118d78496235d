using System.Net;
using System.Text.RegularExpressions;
using ClarityPortal.Data.Patients;
using ClarityPortal.IntegrationTests.Patients;
using ClarityPortal.IntegrationTests.Progress;
using ClarityPortal.Web.Features.Patients;
using ClarityPortal.Web.Features.Patients.Record;
using ClarityPortal.Web.Features.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClarityPortal.IntegrationTests.Reminders;

/// <summary>A caseload portal on a clock the test sets: Wednesday 2 December 2026, 10:00 in Los Angeles.</summary>
public sealed class ReminderFactory : CaseloadFactory
{
    public ManualClock Clock { get; } = new() { Now = new DateTimeOffset(2026, 12, 2, 18, 0, 0, TimeSpan.Zero) };

    public ReminderFactory()
    {
        Settings["Clinic:TimeZone"] = "America/Los_Angeles";
        Settings["Contact:MinimumFillSeconds"] = "0";
        TestServices = services =>
        {
            services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(Counter);
            services.AddSingleton<TimeProvider>(Clock);
        };
    }

    public DateOnly Today => new(2026, 12, 2);
}

/// <summary>Due-date reminders through the outbox: given once, one-click unsubscribe, two schedulers at once.</summary>
public sealed partial class ReminderTests : IAsyncLifetime
{
    private readonly ReminderFactory portal = new();

    public async Task InitializeAsync()
    {
        await portal.SeedAsync();
        var module = await portal.WithDbAsync(db =>
            db.Modules.Where(m => m.IsPublished).Select(m => m.Id).FirstAsync()
        );
        await portal.WithDbAsync(async db =>
        {
            db.ModuleAssignments.Add(
                new ModuleAssignment
                {
                    PatientId = portal.PatientOfA.Id,
                    ModuleId = module,
                    AssignedById = portal.ClinicianA.Id,
                    AssignedAt = DateTime.UtcNow,
                    DueOn = portal.Today.AddDays(1),
                }
            );
            return await db.SaveChangesAsync();
        });
    }

    public async Task DisposeAsync() => await portal.DisposeAsync();

    [GeneratedRegex(@"https://clarity\.test/account/reminders/unsubscribe\?token=([A-Za-z0-9_-]+)")]
    private static partial Regex UnsubscribeLink();

    private ReminderScheduler NewScheduler() => ActivatorUtilities.CreateInstance<ReminderScheduler>(portal.Services);

    private Task<List<ClarityPortal.Data.Mail.OutboxMessage>> MailsToAAsync() =>
        portal.WithDbAsync(db => db.Outbox.Where(m => m.To == portal.PatientOfA.Email).ToListAsync());

    [Fact]
    public async Task TwoSchedulersRunningAtOnceMailADueModuleOnceAndTheMailNamesNothingClinical()
    {
        var first = NewScheduler();
        var second = NewScheduler();

        var results = await Task.WhenAll(Task.Run(() => first.RunOnceAsync()), Task.Run(() => second.RunOnceAsync()));
        // The lease let one of them run; running the other later, and a plain run after it, gives nothing new.
        var again = await portal
            .Services.CreateAsyncScope()
            .ServiceProvider.GetRequiredService<ReminderRun>()
            .RunAsync("https://clarity.test");

        Assert.Contains(1, results.Select(r => r ?? 0));
        Assert.Equal(0, again);
        var mail = Assert.Single(await MailsToAAsync());
        Assert.Equal(ReminderRun.Subject, mail.Subject);
        Assert.Contains("https://clarity.test/my", mail.Body, StringComparison.Ordinal);
        Assert.Matches(UnsubscribeLink(), mail.Body);
        Assert.StartsWith(
            "https://clarity.test/reminders/unsubscribe?token=",
            mail.UnsubscribeUrl,
            StringComparison.Ordinal
        );
        var titles = await portal.WithDbAsync(db => db.Modules.Select(m => m.Title).ToListAsync());
        Assert.All(titles, t => Assert.DoesNotContain(t, mail.Body, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("ketamine", mail.Body, StringComparison.OrdinalIgnoreCase);
        var given = await portal.WithDbAsync(db => db.RemindersSent.SingleAsync());
        Assert.Equal(ClarityPortal.Data.Reminders.ReminderKind.DueSoon, given.Kind);
        Assert.Equal(portal.Today, given.ClinicDay);
    }

    [Fact]
    public async Task AtNightNothingIsSentAndTheNextMorningItIs()
    {
        portal.Clock.Now = new DateTimeOffset(2026, 12, 3, 6, 30, 0, TimeSpan.Zero); // 22:30 the day before

        Assert.Equal(0, await NewScheduler().RunOnceAsync());

        portal.Clock.Now = new DateTimeOffset(2026, 12, 3, 16, 30, 0, TimeSpan.Zero); // 08:30
        Assert.Equal(1, await NewScheduler().RunOnceAsync());
    }

    [Fact]
    public async Task TheUnsubscribeLinkWorksOnceWithoutSigningInAndTurnsRemindersOff()
    {
        await NewScheduler().RunOnceAsync();
        var token = UnsubscribeLink().Match(Assert.Single(await MailsToAAsync()).Body).Groups[1].Value;
        using var browser = portal.CreatePortalClient();

        // Opening the link changes nothing (mail scanners open links); the button does.
        var page = await browser.GetStringAsync($"{ReminderLinks.PagePath}?token={token}");
        Assert.Contains("Stop reminder emails", page, StringComparison.Ordinal);
        Assert.False(await RemindersOffAsync());
        var antiforgery = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var stopped = await browser.PostAsync(
            $"{ReminderLinks.PagePath}?token={token}",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = WebUtility.HtmlDecode(antiforgery),
                    ["_handler"] = "unsubscribe",
                    ["Token"] = token,
                }
            )
        );

        Assert.Contains("Reminder emails are off", await stopped.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await RemindersOffAsync());
        Assert.Contains(
            "already used",
            await browser.GetStringAsync($"{ReminderLinks.PagePath}?token={token}"),
            StringComparison.Ordinal
        );
        var oneClickAgain = await browser.PostAsync($"{ReminderLinks.OneClickPath}?token={token}", null);
        Assert.Contains("already used", await oneClickAgain.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Off means off: the next day's run mails nothing.
        portal.Clock.Now = portal.Clock.Now.AddDays(1);
        Assert.Equal(0, await NewScheduler().RunOnceAsync());
    }

    [Fact]
    public async Task AMailAppsOneClickUnsubscribeWorksWithoutAFormAndAForgedTokenDoesNothing()
    {
        await NewScheduler().RunOnceAsync();
        var url = Assert.Single(await MailsToAAsync()).UnsubscribeUrl!;
        using var mailApp = portal.CreatePortalClient();

        var forged = await mailApp.PostAsync($"{ReminderLinks.OneClickPath}?token=abc{url[^10..]}", null);
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.False(await RemindersOffAsync());

        var response = await mailApp.PostAsync(new Uri(url).PathAndQuery, null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(await RemindersOffAsync());
    }

    private Task<bool> RemindersOffAsync() =>
        portal.WithDbAsync(db =>
            db.Users.Where(u => u.Id == portal.PatientOfA.Id).Select(u => u.RemindersOff).FirstAsync()
        );

    [Fact]
    public async Task TheTimelineShowsEachReminderAndACareTeamPauseStopsThem()
    {
        await NewScheduler().RunOnceAsync();
        await using (
            var scope = portal.ScopeAs(
                CaseloadFactory.As(portal.ClinicianA, ClarityPortal.Data.Identity.PortalRoles.Clinician)
            )
        )
        {
            var detail = await scope
                .ServiceProvider.GetRequiredService<PatientRecordService>()
                .DetailAsync(portal.PatientOfA.Id);
            var reminder = Assert.Single(detail!.Timeline, e => e.Kind == TimelineKind.Reminder);
            Assert.Equal("Reminder email: due soon", reminder.Title);
            Assert.NotNull(reminder.Module);
            Assert.Null(
                await scope
                    .ServiceProvider.GetRequiredService<PatientService>()
                    .SetRemindersPausedAsync(portal.PatientOfA.Id, true)
            );
        }

        // The due date passes: the overdue reminder would be next, but the care team paused them.
        portal.Clock.Now = portal.Clock.Now.AddDays(3);
        Assert.Equal(0, await NewScheduler().RunOnceAsync());
        Assert.Single(await MailsToAAsync());
        Assert.Equal(
            1,
            await portal.WithDbAsync(db =>
                db.AuditEvents.CountAsync(e => e.Action == ClarityPortal.Data.Audit.AuditActions.RemindersPaused)
            )
        );
    }
}
