using ClarityPortal.Data.Identity;
using ClarityPortal.Data.Progress;
using ClarityPortal.Data.Seeding;
using ClarityPortal.IntegrationTests.Patients;
using ClarityPortal.Web.Features.Education;
using ClarityPortal.Web.Features.Patients;
using ClarityPortal.Web.Features.Patients.Matrix;
using ClarityPortal.Web.Features.Progress;
using ClarityPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClarityPortal.IntegrationTests.Progress;

/// <summary>
/// Every write that changes where a patient stands keeps the clinician matrix's summary right, in the same save:
/// reading (by dwell and by "mark as read"), answering, acknowledging, a new revision from content sync, assigning
/// and unassigning. After each step the stored row must equal what ProgressFacts and ProgressRules say.
/// </summary>
public sealed class ProgressSummaryTests : IAsyncLifetime
{
    private readonly string root = Path.Combine(Path.GetTempPath(), $"clarity-summary-{Guid.NewGuid():N}");
    private readonly ManualClock clock = new();
    private PortalFactory factory = default!;

    private string ModuleFile => Path.Combine(root, "modules", "01-sample.md");

    // Two sections of 100 words (9 s of dwell each) and one check; a revision may add a third section.
    private static string Module(string change = "material", string secondBody = "", bool third = false) =>
        $"""
            ---
            slug: sample
            title: Sample module
            summary: A sample.
            order: 1
            minutes: 3
            version: "1.0"
            change: {change}
            reviewed_by: "Test reviewer"
            reviewed_on: 2026-11-01
            references:
              - id: a
                text: "A source."
            ---

            ## First part

            {Words(95)} [ref:a]

            ## Second part

            {Words(95)} {secondBody}

            ::: check
            question: Pick two.
            options: [one, two]
            answer: 2
            explain: Two is right.
            :::
            {(third ? $"\n## Third part\n\n{Words(95)}\n" : "")}
            """;

    private static string Words(int n) => string.Join(' ', Enumerable.Repeat("word", n)) + ".";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(root, "modules"));
        await File.WriteAllTextAsync(ModuleFile, Module());
        factory = new PortalFactory
        {
            Settings = { ["Content:Path"] = root },
            TestServices = services => services.AddSingleton<TimeProvider>(clock),
        };
        _ = factory.Services;
    }

    public async Task DisposeAsync()
    {
        await factory.DisposeAsync();
        Directory.Delete(root, recursive: true);
    }

    private async Task<(AsyncServiceScope Scope, ProgressService Progress, string Id)> PatientAsync()
    {
        var email = $"{Guid.NewGuid():N}@example.org";
        await using var setup = factory.Services.CreateAsyncScope();
        var user = await IdentitySeed.EnsureUserAsync(
            setup.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>(),
            email,
            email,
            UserKind.Patient,
            PortalRoles.Patient,
            DateTime.UtcNow,
            "Correct-Horse-2026!"
        );
        var scope = factory.ScopeAs(PortalFactory.User(user.Id, PortalRoles.Patient));
        return (scope, scope.ServiceProvider.GetRequiredService<ProgressService>(), user.Id);
    }

    private Task<(int Module, int Revision, int Check)> SampleAsync() =>
        factory.WithDbAsync(db =>
            db.Modules.Where(m => m.Slug == "sample")
                .Select(m => new ValueTuple<int, int, int>(
                    m.Id,
                    m.CurrentRevisionId!.Value,
                    m.CurrentRevision!.Sections.SelectMany(s => s.Checks).Select(c => c.Id).Single()
                ))
                .SingleAsync()
        );

    /// <summary>The stored row (null: none) — and every stored row equal to what the rules say.</summary>
    private async Task<(bool Assigned, DateOnly? DueOn, ModuleStatus Status, int Percent)?> RowAsync(string patient)
    {
        await ProgressSummaryChecks.AssertMatchTheRulesAsync(factory);
        var row = await factory.WithDbAsync(db =>
            db.ProgressSummaries.AsNoTracking().SingleOrDefaultAsync(s => s.PatientId == patient)
        );
        return row is null ? null : (row.Assigned, row.DueOn, (ModuleStatus)row.Status, row.Percent);
    }

    private async Task SyncAsync(string file)
    {
        await File.WriteAllTextAsync(ModuleFile, file);
        var synced = await factory.Services.GetRequiredService<ContentSync>().SyncAsync();
        Assert.Equal(SyncOutcome.Published, Assert.Single(synced).Outcome);
    }

    [Fact]
    public async Task ReadingAnsweringAndAcknowledgingKeepTheSummaryRight()
    {
        var (scope, progress, id) = await PatientAsync();
        await using var _ = scope;
        var (_, revision, check) = await SampleAsync();
        Assert.Null(await RowAsync(id)); // neither assigned nor started: no row, a "not assigned" cell

        await progress.BeginAsync("sample", revision);
        Assert.Equal((false, null, ModuleStatus.InProgress, 0), await RowAsync(id));

        // Seconds alone (too few to read the section) skip the recount; the row still agrees with the rules.
        clock.Advance(2);
        var seconds = await progress.ReportAsync(
            "sample",
            revision,
            Guid.NewGuid(),
            new Dictionary<string, double> { ["first-part"] = 2 },
            "first-part",
            clock.Now.UtcDateTime
        );
        Assert.True(seconds.Accepted);
        Assert.Equal((false, null, ModuleStatus.InProgress, 0), await RowAsync(id));

        clock.Advance(8); // enough dwell, in all, for a section of 100 words
        var report = await progress.ReportAsync(
            "sample",
            revision,
            Guid.NewGuid(),
            new Dictionary<string, double> { ["first-part"] = 8 },
            "first-part",
            clock.Now.UtcDateTime
        );
        Assert.True(report.Accepted);
        Assert.Equal((false, null, ModuleStatus.InProgress, 50), await RowAsync(id));

        await progress.MarkReadAsync("sample", revision, "second-part");
        Assert.Equal((false, null, ModuleStatus.InProgress, 100), await RowAsync(id)); // the check is not answered

        await progress.RecordAnswerAsync("sample", revision, check, 0);
        Assert.Equal((false, null, ModuleStatus.ReadyToAcknowledge, 100), await RowAsync(id));

        await progress.AcknowledgeAsync("sample", revision, "Is this normal?"); // a question is no acknowledgement
        Assert.Equal((false, null, ModuleStatus.ReadyToAcknowledge, 100), await RowAsync(id));

        await progress.AcknowledgeAsync("sample", revision, null);
        Assert.Equal((false, null, ModuleStatus.Complete, 100), await RowAsync(id));
    }

    [Fact]
    public async Task ANewRevisionFromContentSyncRecountsEveryoneWhoStartedTheModule()
    {
        var (doneScope, done, doneId) = await PatientAsync();
        var (partScope, part, partId) = await PatientAsync();
        await using var a = doneScope;
        await using var b = partScope;
        var (_, revision, check) = await SampleAsync();
        await done.MarkReadAsync("sample", revision, "first-part");
        await done.MarkReadAsync("sample", revision, "second-part");
        await done.RecordAnswerAsync("sample", revision, check, 1);
        await done.AcknowledgeAsync("sample", revision, null);
        await part.MarkReadAsync("sample", revision, "first-part");

        await SyncAsync(Module(change: "minor", secondBody: "A small fix."));
        Assert.Equal((false, null, ModuleStatus.Complete, 100), await RowAsync(doneId));
        Assert.Equal((false, null, ModuleStatus.InProgress, 50), await RowAsync(partId));

        // Material, with a third section: a new acknowledgement, and a third of the reading still to do.
        await SyncAsync(Module(change: "material", secondBody: "A new safety fact.", third: true));
        Assert.Equal((false, null, ModuleStatus.NeedsReacknowledgement, 66), await RowAsync(doneId));
        Assert.Equal((false, null, ModuleStatus.InProgress, 33), await RowAsync(partId));

        // The answer to the earlier revision's check still counts (same section, same place).
        var (_, current, _) = await SampleAsync();
        await done.MarkReadAsync("sample", current, "third-part");
        Assert.Equal((false, null, ModuleStatus.NeedsReacknowledgement, 100), await RowAsync(doneId));
        await done.AcknowledgeAsync("sample", current, null);
        Assert.Equal((false, null, ModuleStatus.Complete, 100), await RowAsync(doneId));
    }

    [Fact]
    public async Task AssigningAndUnassigningKeepTheSummaryRight()
    {
        var (scope, progress, id) = await PatientAsync();
        await using var _ = scope;
        var (module, revision, _) = await SampleAsync();
        await using var admin = factory.ScopeAs(PortalFactory.User("admin-1", PortalRoles.Admin));
        var patients = admin.ServiceProvider.GetRequiredService<PatientService>();
        var today = factory.Services.GetRequiredService<ClinicCalendar>().Today;

        Assert.Null(await patients.AssignAsync(id, [module], today.AddDays(3)));
        Assert.Equal((true, today.AddDays(3), ModuleStatus.NotStarted, 0), await RowAsync(id));

        Assert.Null(await patients.AssignAsync(id, [module], null)); // assigning again changes the due day
        Assert.Equal((true, null, ModuleStatus.NotStarted, 0), await RowAsync(id));

        Assert.Null(await patients.UnassignAsync(id, module));
        Assert.Null(await RowAsync(id)); // neither assigned nor started

        await progress.MarkReadAsync("sample", revision, "first-part");
        Assert.Null(await patients.AssignAsync(id, [module], today));
        Assert.Equal((true, today, ModuleStatus.InProgress, 50), await RowAsync(id));
        Assert.Null(await patients.UnassignAsync(id, module));
        Assert.Equal((false, null, ModuleStatus.InProgress, 50), await RowAsync(id)); // still read: stays
    }

    [Fact]
    public async Task TheCellRuleGivesTheSameStatusInSqlAsInCode()
    {
        var (module, _, _) = await SampleAsync();
        var today = new DateOnly(2026, 11, 28);
        var cases = (
            from assigned in new[] { false, true }
            from due in new DateOnly?[] { null, today.AddDays(-1), today, today.AddDays(1) }
            from status in Enum.GetValues<ModuleStatus>()
            select (Id: Guid.NewGuid().ToString(), Assigned: assigned, Due: due, Status: status)
        ).ToList();
        await factory.WithDbAsync(db =>
        {
            foreach (var c in cases)
            {
                db.Users.Add(
                    new ApplicationUser
                    {
                        Id = c.Id,
                        DisplayName = c.Id,
                        Kind = UserKind.Patient,
                    }
                );
                db.ProgressSummaries.Add(
                    new ProgressSummary
                    {
                        PatientId = c.Id,
                        ModuleId = module,
                        Assigned = c.Assigned,
                        DueOn = c.Due,
                        Status = (int)c.Status,
                    }
                );
            }

            return db.SaveChangesAsync();
        });

        foreach (var status in Enum.GetValues<CellStatus>())
        {
            var inSql = await factory.WithDbAsync(db =>
                db.ProgressSummaries.Where(MatrixQueries.CellIs(status, today)).Select(s => s.PatientId).ToListAsync()
            );
            var inCode = cases
                .Where(c => MatrixRules.Cell(c.Assigned, c.Due, today, c.Status) == status)
                .Select(c => c.Id);
            Assert.Equal(inCode.Order(), inSql.Order());
        }
    }
}
