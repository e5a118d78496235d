using System.Net;
using System.Text;
using ClarityPortal.Data.Audit;
using ClarityPortal.Data.Identity;
using ClarityPortal.Web.Features.Patients;
using ClarityPortal.Web.Features.Patients.Matrix;
using ClarityPortal.Web.Features.Patients.Record;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClarityPortal.IntegrationTests.Patients;

/// <summary>
/// Clinician B gets nothing of clinician A's patient — not through pages, exports or service methods.
/// </summary>
public sealed class CaseloadIsolationTests : IClassFixture<CaseloadFactory>, IAsyncLifetime
{
    private readonly CaseloadFactory factory;

    public CaseloadIsolationTests(CaseloadFactory factory) => this.factory = factory;

    public Task InitializeAsync() => factory.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private AsyncServiceScope AsB() => factory.ScopeAs(CaseloadFactory.As(factory.ClinicianB, PortalRoles.Clinician));

    private Task<int> FirstModuleAsync() =>
        factory.WithDbAsync(db => db.Modules.Where(m => m.IsPublished).Select(m => m.Id).FirstAsync());

    [Fact]
    public async Task TheMatrixOverviewAndCsvOfAClinicianHoldOnlyTheirOwnPatients()
    {
        await using var scope = AsB();
        var matrix = scope.ServiceProvider.GetRequiredService<MatrixService>();

        var view = await matrix.BuildAsync(new MatrixFilter());
        var csv = Encoding.UTF8.GetString(await matrix.ExportCsvAsync(new MatrixFilter()));
        var overview = await matrix.OverviewAsync();

        Assert.Equal([factory.PatientOfB.Id], view.Rows.Select(r => r.PatientId));
        Assert.Contains("Bernard OfB", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Patricia", csv, StringComparison.Ordinal);
        Assert.Equal(1, overview.Patients);
    }

    [Fact]
    public async Task AnAdminSeesEveryPatient()
    {
        await using var scope = factory.ScopeAs(CaseloadFactory.As(factory.Admin, PortalRoles.Admin));

        var view = await scope.ServiceProvider.GetRequiredService<MatrixService>().BuildAsync(new MatrixFilter());

        Assert.Contains(view.Rows, r => r.PatientId == factory.PatientOfA.Id);
        Assert.Contains(view.Rows, r => r.PatientId == factory.PatientOfB.Id);
    }

    [Fact]
    public async Task ForgedPatientIdsThroughTheCircuitReadAndChangeNothing()
    {
        var other = factory.PatientOfA.Id;
        var module = await FirstModuleAsync();
        await using var scope = AsB();
        var patients = scope.ServiceProvider.GetRequiredService<PatientService>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3);
        var before = await factory.WithDbAsync(db => db.AuditEvents.MaxAsync(e => (long?)e.Id)) ?? 0;

        Assert.Null(await scope.ServiceProvider.GetRequiredService<PatientRecordService>().DetailAsync(other));
        Assert.Equal(PatientService.NotFound, await patients.AssignAsync(other, [module], today));
        Assert.Equal(PatientService.NotFound, await patients.UnassignAsync(other, module));
        Assert.Equal(PatientService.NotFound, await patients.SetNextSessionAsync(other, today));
        Assert.Equal(
            PatientService.NotFound,
            await patients.ChangeCareTeamAsync(other, factory.ClinicianB.Id, add: true)
        );

        await factory.WithDbAsync(async db =>
        {
            // Every refused attempt is in the audit log: who tried, on whom, and through what.
            var refusals = await db
                .AuditEvents.Where(e => e.Id > before && e.Action == AuditActions.PatientAccessRefused)
                .ToListAsync();
            Assert.Equal(5, refusals.Count);
            Assert.All(refusals, e => Assert.Equal(other, e.Subject));
            Assert.All(refusals, e => Assert.Equal(factory.ClinicianB.Id, e.ActorId));
            Assert.Equal(
                ["timeline", "AssignAsync", "UnassignAsync", "SetNextSessionAsync", "ChangeCareTeamAsync"],
                refusals.OrderBy(e => e.Id).Select(e => e.Details)
            );
            Assert.False(await db.ModuleAssignments.AnyAsync(a => a.PatientId == other));
            Assert.Null((await db.Users.SingleAsync(u => u.Id == other)).NextSessionOn);
            Assert.False(
                await db.CareTeamLinks.AnyAsync(l => l.PatientId == other && l.ClinicianId == factory.ClinicianB.Id)
            );
            return 0;
        });
    }

    [Fact]
    public async Task TheCsvExportAndThePrintableRecordOverHttpAreLimitedToTheCaseload()
    {
        var client = factory.CreatePortalClient();
        await client.SignInAsync("b.clinician@example.org", CaseloadFactory.Password);

        var csv = await client.GetAsync(PatientsSetup.ExportPath);
        var recordResponse = await client.GetAsync($"/clinician/patients/{factory.PatientOfA.Id}/record");
        var record = await recordResponse.Content.ReadAsStringAsync();
        var own = await client.GetStringAsync($"/clinician/patients/{factory.PatientOfB.Id}/record");

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.Contains("Bernard OfB", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Patricia", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, recordResponse.StatusCode);
        Assert.DoesNotContain("Patricia", record, StringComparison.Ordinal);
        Assert.Contains("Education record: Bernard OfB", own, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PatientsAndAnonymousVisitorsReachNoneOfIt()
    {
        var anonymous = await factory.CreatePortalClient().GetAsync(PatientsSetup.ExportPath);
        var patient = factory.CreatePortalClient();
        await patient.SignInAsync("pa@example.org", CaseloadFactory.Password);
        var asPatient = await patient.GetAsync(PatientsSetup.ExportPath);
        var recordAsPatient = await patient.GetAsync($"/clinician/patients/{factory.PatientOfA.Id}/record");

        Assert.Equal("/account/login", anonymous.Headers.Location!.AbsolutePath);
        Assert.Equal("/account/access-denied", asPatient.Headers.Location!.AbsolutePath);
        Assert.Equal("/account/access-denied", recordAsPatient.Headers.Location!.AbsolutePath);
        await using var scope = factory.ScopeAs(CaseloadFactory.As(factory.PatientOfA, PortalRoles.Patient));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            scope.ServiceProvider.GetRequiredService<MatrixService>().BuildAsync(new MatrixFilter())
        );
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            scope.ServiceProvider.GetRequiredService<PatientRecordService>().DetailAsync(factory.PatientOfA.Id)
        );
    }

    [Fact]
    public async Task ViewsAndExportsOfPatientDataAreAudited()
    {
        await using var scope = factory.ScopeAs(CaseloadFactory.As(factory.ClinicianA, PortalRoles.Clinician));
        var before = await factory.WithDbAsync(db => db.AuditEvents.MaxAsync(e => (long?)e.Id)) ?? 0;

        await scope.ServiceProvider.GetRequiredService<PatientRecordService>().DetailAsync(factory.PatientOfA.Id);
        await scope.ServiceProvider.GetRequiredService<MatrixService>().BuildAsync(new MatrixFilter());
        await scope.ServiceProvider.GetRequiredService<MatrixService>().ExportCsvAsync(new MatrixFilter());
        await scope
            .ServiceProvider.GetRequiredService<PatientRecordService>()
            .DetailAsync(factory.PatientOfA.Id, forPrint: true);

        var rows = await factory.WithDbAsync(db =>
            db.AuditEvents.Where(e => e.Id > before).OrderBy(e => e.Id).ToListAsync()
        );
        Assert.Equal(
            [
                AuditActions.PatientViewed,
                AuditActions.PatientsMatrixViewed,
                AuditActions.PatientsExported,
                AuditActions.PatientRecordPrinted,
            ],
            rows.Select(r => r.Action)
        );
        Assert.All(rows, r => Assert.Equal(factory.ClinicianA.Id, r.ActorId));
        Assert.Equal(factory.PatientOfA.Id, rows[0].Subject);
        Assert.Contains(factory.PatientOfA.Id, rows[1].Details, StringComparison.Ordinal);
        Assert.Contains(factory.PatientOfA.Id, rows[2].Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AssigningWithADueDateShowsInTheMatrixAndAPastDueDateIsRefused()
    {
        var module = await FirstModuleAsync();
        await using var scope = factory.ScopeAs(CaseloadFactory.As(factory.ClinicianA, PortalRoles.Clinician));
        var patients = scope.ServiceProvider.GetRequiredService<PatientService>();
        var due = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(10);

        Assert.NotNull(
            await patients.AssignAsync(
                factory.PatientOfA.Id,
                [module],
                DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-3)
            )
        );
        Assert.Null(await patients.AssignAsync(factory.PatientOfA.Id, [module], due));
        var cell = (await scope.ServiceProvider.GetRequiredService<MatrixService>().BuildAsync(new MatrixFilter()))
            .Rows.Single(r => r.PatientId == factory.PatientOfA.Id)
            .Cells.Single(c => c.ModuleId == module);
        Assert.Equal(CellStatus.NotStarted, cell.Status);
        Assert.Equal(due, cell.DueOn);

        Assert.Null(await patients.UnassignAsync(factory.PatientOfA.Id, module));
        Assert.False(
            await factory.WithDbAsync(db =>
                db.ModuleAssignments.AnyAsync(a => a.PatientId == factory.PatientOfA.Id && a.ModuleId == module)
            )
        );
    }

    [Fact]
    public async Task APatientSeesWhatTheirClinicianAssignedWithTheDueDayBeforeStartingIt()
    {
        var module = await factory.WithDbAsync(db =>
            db.Modules.Where(m => m.IsPublished)
                .OrderByDescending(m => m.Order)
                .Select(m => new { m.Id, m.Title })
                .FirstAsync()
        );
        var due = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(6);
        await using (var clinician = factory.ScopeAs(CaseloadFactory.As(factory.ClinicianB, PortalRoles.Clinician)))
        {
            Assert.Null(
                await clinician
                    .ServiceProvider.GetRequiredService<PatientService>()
                    .AssignAsync(factory.PatientOfB.Id, [module.Id], due)
            );
        }

        await using var patient = factory.ScopeAs(CaseloadFactory.As(factory.PatientOfB, PortalRoles.Patient));
        var dashboard = await patient
            .ServiceProvider.GetRequiredService<ClarityPortal.Web.Features.Progress.ProgressService>()
            .DashboardAsync();

        var card = Assert.Single(dashboard.Modules, m => m.Title == module.Title);
        Assert.True(card.Assigned);
        Assert.Equal(due, card.DueOn);
        Assert.Equal(ClarityPortal.Web.Features.Progress.ModuleStatus.NotStarted, card.Status);
        Assert.Null(card.LastActivityAt);
    }

    [Fact]
    public async Task TheTimelineShowsReadsWithTimeMissesWithTheirExplanationAndTotalsThatAddUp()
    {
        var patient = factory.PatientOfB.Id;
        var now = DateTime.UtcNow;
        var facts = await factory.WithDbAsync(async db =>
        {
            var module = await db
                .Modules.Where(m => m.IsPublished)
                .OrderBy(m => m.Order)
                .Select(m => new
                {
                    m.Id,
                    m.Title,
                    Sections = m.CurrentRevision!.Sections.OrderBy(x => x.Order)
                        .Select(x => new { x.Key, x.Title })
                        .ToList(),
                })
                .FirstAsync();
            var check = await db
                .KnowledgeChecks.Where(k =>
                    k.Section!.RevisionId
                    == db.Modules.Where(m => m.Id == module.Id).Select(m => m.CurrentRevisionId).First()
                )
                .Select(k => new
                {
                    k.Id,
                    k.Question,
                    k.Explanation,
                    k.CorrectOption,
                })
                .FirstAsync();
            db.ModuleProgress.Add(
                new ClarityPortal.Data.Progress.ModuleProgress
                {
                    PatientId = patient,
                    ModuleId = module.Id,
                    StartedAt = now.AddMinutes(-30),
                    LastActivityAt = now,
                }
            );
            db.SectionProgress.AddRange(
                new ClarityPortal.Data.Progress.SectionProgress
                {
                    PatientId = patient,
                    ModuleId = module.Id,
                    SectionKey = module.Sections[0].Key,
                    FirstSeenAt = now.AddMinutes(-29),
                    LastCountedAt = now,
                    ActiveSeconds = 40,
                    ReadAt = now.AddMinutes(-28),
                },
                new ClarityPortal.Data.Progress.SectionProgress
                {
                    PatientId = patient,
                    ModuleId = module.Id,
                    SectionKey = module.Sections[1].Key,
                    FirstSeenAt = now.AddMinutes(-27),
                    LastCountedAt = now,
                    ActiveSeconds = 25.5,
                },
                new ClarityPortal.Data.Progress.SectionProgress
                {
                    PatientId = patient,
                    ModuleId = module.Id,
                    SectionKey = "a-section-since-removed",
                    FirstSeenAt = now.AddDays(-9),
                    LastCountedAt = now.AddDays(-9),
                    ActiveSeconds = 10,
                    ReadAt = now.AddDays(-9),
                }
            );
            db.CheckAnswers.Add(
                new ClarityPortal.Data.Progress.CheckAnswer
                {
                    PatientId = patient,
                    CheckId = check.Id,
                    Option = check.CorrectOption == 0 ? 1 : 0,
                    Correct = false,
                    AnsweredAt = now.AddMinutes(-20),
                }
            );
            await db.SaveChangesAsync();
            return (Module: module.Title, First: module.Sections[0].Title, check.Question, check.Explanation);
        });
        await using var scope = factory.ScopeAs(CaseloadFactory.As(factory.ClinicianB, PortalRoles.Clinician));

        var detail = (await scope.ServiceProvider.GetRequiredService<PatientRecordService>().DetailAsync(patient))!;

        var module = detail.Modules.Single(m => m.Title == facts.Module);
        Assert.Equal(75.5, module.Seconds);
        Assert.Equal(module.Seconds, module.SectionTimes.Sum(t => t.Seconds));
        Assert.Equal(detail.Modules.Sum(m => m.Seconds), detail.TotalSeconds);
        Assert.Equal(1, module.SectionsRead); // the removed section's read does not count toward the current revision
        var read = Assert.Single(
            detail.Timeline,
            e => e.Kind == TimelineKind.SectionRead && e.Title.Contains(facts.First, StringComparison.Ordinal)
        );
        Assert.Equal(40, read.Seconds);
        var missed = Assert.Single(detail.Timeline, e => e.Missed);
        Assert.Contains(facts.Question, missed.Title, StringComparison.Ordinal);
        Assert.Contains(facts.Explanation, missed.Detail, StringComparison.Ordinal);
        Assert.Contains(detail.Timeline, e => e.Kind == TimelineKind.Started && e.Module == facts.Module);
    }
}
