using ClarityPortal.Data.Contact;
using ClarityPortal.Data.Identity;
using ClarityPortal.Data.Progress;
using ClarityPortal.Data.Seeding;
using ClarityPortal.Web.Features.Education;
using ClarityPortal.Web.Features.Patients.Matrix;
using ClarityPortal.Web.Features.Patients.Record;
using ClarityPortal.Web.Features.Progress;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClarityPortal.IntegrationTests.Progress;

/// <summary>A clock the test moves by hand.</summary>
public sealed class ManualClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(double seconds) => Now = Now.AddSeconds(seconds);
}

/// <summary>
/// The progress service against a real SQLite file, a content folder of the test's own and a manual clock.
/// </summary>
public sealed class ProgressServiceTests : IAsyncLifetime
{
    private readonly string root = Path.Combine(Path.GetTempPath(), $"clarity-progress-{Guid.NewGuid():N}");
    private readonly ManualClock clock = new();
    private PortalFactory factory = default!;

    private string ModuleFile => Path.Combine(root, "modules", "01-sample.md");

    // Two sections of 100 words: each needs max(5, 0.3 × 30 s) = 9 s on screen.
    private static string Module(
        string change = "material",
        string secondTitle = "Second part",
        string secondBody = ""
    ) =>
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

            ## {secondTitle}

            {Words(95)} {secondBody}

            ::: check
            question: Pick two.
            options: [one, two]
            answer: 2
            explain: Two is right.
            :::
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

    /// <summary>A scope signed in as a new patient (or as a staff member), the way a circuit would be.</summary>
    private async Task<(AsyncServiceScope Scope, ProgressService Progress, string UserId)> AsUserAsync(
        string role = PortalRoles.Patient
    )
    {
        var email = $"{Guid.NewGuid():N}@example.org";
        ApplicationUser user;
        await using (var setup = factory.Services.CreateAsyncScope())
        {
            user = await IdentitySeed.EnsureUserAsync(
                setup.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>(),
                email,
                email,
                role == PortalRoles.Patient ? UserKind.Patient : UserKind.Staff,
                role,
                DateTime.UtcNow,
                "Correct-Horse-2026!"
            );
        }

        var scope = factory.ScopeAs(PortalFactory.User(user.Id, role));
        return (scope, scope.ServiceProvider.GetRequiredService<ProgressService>(), user.Id);
    }

    private async Task<int> RevisionAsync() =>
        await factory.WithDbAsync(db =>
            db.Modules.Where(m => m.Slug == "sample").Select(m => m.CurrentRevisionId!.Value).FirstAsync()
        );

    private Task<double> SecondsAsync(string userId, string key) =>
        factory.WithDbAsync(db =>
            db.SectionProgress.Where(p => p.PatientId == userId && p.SectionKey == key)
                .Select(p => p.ActiveSeconds)
                .FirstOrDefaultAsync()
        );

    private static Dictionary<string, double> Seconds(string key, double seconds) => new() { [key] = seconds };

    [Fact]
    public async Task TwoTabsReportingTheSameSectionDoNotDoubleCount()
    {
        var (scope, progress, id) = await AsUserAsync();
        await using var _ = scope;
        var revision = await RevisionAsync();
        await progress.BeginAsync("sample", revision);
        clock.Advance(5);

        // Two tabs, each a circuit of its own for the same patient, send their 5 seconds at the same moment.
        await using var scope2 = factory.ScopeAs(PortalFactory.User(id, PortalRoles.Patient));
        var tab2 = scope2.ServiceProvider.GetRequiredService<ProgressService>();
        var results = await Task.WhenAll(
            progress.ReportAsync(
                "sample",
                revision,
                Guid.NewGuid(),
                Seconds("first-part", 5),
                "first-part",
                clock.Now.UtcDateTime
            ),
            tab2.ReportAsync(
                "sample",
                revision,
                Guid.NewGuid(),
                Seconds("first-part", 5),
                "first-part",
                clock.Now.UtcDateTime
            )
        );

        Assert.All(results, r => Assert.True(r.Accepted));
        Assert.Equal(5, await SecondsAsync(id, "first-part"));
    }

    [Fact]
    public async Task ARepeatedReportChangesNothing()
    {
        var (scope, progress, id) = await AsUserAsync();
        await using var _ = scope;
        var revision = await RevisionAsync();
        await progress.BeginAsync("sample", revision);
        clock.Advance(30);
        var reportId = Guid.NewGuid();

        await progress.ReportAsync("sample", revision, reportId, Seconds("first-part", 4), null, clock.Now.UtcDateTime);
        clock.Advance(30);
        var again = await progress.ReportAsync(
            "sample",
            revision,
            reportId,
            Seconds("first-part", 4),
            null,
            clock.Now.UtcDateTime
        );

        Assert.True(again.Accepted);
        Assert.Equal(4, await SecondsAsync(id, "first-part"));
    }

    [Fact]
    public async Task ASectionCountsAsReadOnlyAfterItsDwellAndNeverGoesBack()
    {
        var (scope, progress, _) = await AsUserAsync();
        await using var s = scope;
        var revision = await RevisionAsync();
        await progress.BeginAsync("sample", revision);

        clock.Advance(5);
        var after5 = await progress.ReportAsync(
            "sample",
            revision,
            Guid.NewGuid(),
            Seconds("first-part", 5),
            "first-part",
            clock.Now.UtcDateTime
        );
        clock.Advance(5);
        var after10 = await progress.ReportAsync(
            "sample",
            revision,
            Guid.NewGuid(),
            Seconds("first-part", 5),
            "first-part",
            clock.Now.UtcDateTime
        );
        clock.Advance(60);
        var later = await progress.ReportAsync(
            "sample",
            revision,
            Guid.NewGuid(),
            Seconds("second-part", 1),
            "second-part",
            clock.Now.UtcDateTime
        );

        Assert.DoesNotContain("first-part", after5.Progress!.ReadSections);
        Assert.Contains("first-part", after10.Progress!.ReadSections);
        Assert.Equal(50, after10.Progress.Percent);
        Assert.Contains("first-part", later.Progress!.ReadSections);
        Assert.Equal(10, later.Progress.SecondsBySection["first-part"]);
    }

    [Fact]
    public async Task ForgedSectionsOldRevisionsAndFutureTimesAreRefused()
    {
        var (scope, progress, id) = await AsUserAsync();
        await using var _ = scope;
        var revision = await RevisionAsync();
        await progress.BeginAsync("sample", revision);
        clock.Advance(10);

        var forgedSection = await progress.ReportAsync(
            "sample",
            revision,
            Guid.NewGuid(),
            Seconds("how-ketamine-blocks-the-receptor", 5),
            null,
            clock.Now.UtcDateTime
        );
        var forgedCurrent = await progress.ReportAsync(
            "sample",
            revision,
            Guid.NewGuid(),
            Seconds("first-part", 5),
            "not-a-section",
            clock.Now.UtcDateTime
        );
        var oldRevision = await progress.ReportAsync(
            "sample",
            revision - 1,
            Guid.NewGuid(),
            Seconds("first-part", 5),
            null,
            clock.Now.UtcDateTime
        );
        var future = await progress.ReportAsync(
            "sample",
            revision,
            Guid.NewGuid(),
            Seconds("first-part", 5),
            null,
            clock.Now.UtcDateTime.AddHours(1)
        );
        var badStep = await progress.ExplorerStepsAsync("sample", revision, [0, 99]);
        var badMark = await progress.MarkReadAsync("sample", revision, "../../etc");

        Assert.All(
            new[] { forgedSection, forgedCurrent, oldRevision, future, badStep, badMark },
            r => Assert.False(r.Accepted)
        );
        Assert.Equal(0, await factory.WithDbAsync(db => db.SectionProgress.CountAsync(p => p.PatientId == id)));
    }

    [Fact]
    public async Task OnePatientNeverTouchesAnothersProgress()
    {
        var (scopeA, patientA, idA) = await AsUserAsync();
        var (scopeB, patientB, idB) = await AsUserAsync();
        await using var a = scopeA;
        await using var b = scopeB;
        var revision = await RevisionAsync();
        await patientA.BeginAsync("sample", revision);
        clock.Advance(9);
        await patientA.ReportAsync(
            "sample",
            revision,
            Guid.NewGuid(),
            Seconds("first-part", 9),
            "first-part",
            clock.Now.UtcDateTime
        );

        await patientB.BeginAsync("sample", revision);
        clock.Advance(9);
        await patientB.MarkReadAsync("sample", revision, "second-part");
        var bState = await patientB.ForModuleAsync("sample");
        var aState = await patientA.ForModuleAsync("sample");

        Assert.Equal(["second-part"], bState!.ReadSections);
        Assert.Equal(["first-part"], aState!.ReadSections);
        Assert.Equal(9, await SecondsAsync(idA, "first-part"));
        Assert.Equal(0, await SecondsAsync(idB, "first-part"));
        Assert.DoesNotContain((await patientB.DashboardAsync()).Modules, m => m.Seconds > 0);
    }

    [Fact]
    public async Task StaffAndAnonymousReadersAreNotTracked()
    {
        var (scope, staff, id) = await AsUserAsync(PortalRoles.Clinician);
        await using var _ = scope;
        var revision = await RevisionAsync();

        Assert.Null(await staff.ForModuleAsync("sample"));
        Assert.False(
            (
                await staff.ReportAsync(
                    "sample",
                    revision,
                    Guid.NewGuid(),
                    Seconds("first-part", 5),
                    null,
                    clock.Now.UtcDateTime
                )
            ).Accepted
        );
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => staff.DashboardAsync());
        Assert.Equal(0, await factory.WithDbAsync(db => db.ModuleProgress.CountAsync(p => p.PatientId == id)));
    }

    [Fact]
    public async Task CompletionThenAMaterialRevisionAsksForReacknowledgementAndAMinorOneDoesNot()
    {
        var (scope, progress, id) = await AsUserAsync();
        await using var _ = scope;
        var education = scope.ServiceProvider.GetRequiredService<EducationService>();
        var revision = await RevisionAsync();

        Assert.False((await progress.AcknowledgeAsync("sample", revision, null)).Accepted); // nothing read yet
        await progress.MarkReadAsync("sample", revision, "first-part");
        await progress.MarkReadAsync("sample", revision, "second-part");
        var check = (await education.ModuleAsync("sample"))!
            .Sections.SelectMany(s => s.Blocks)
            .OfType<CheckBlockView>()
            .Single();
        await progress.RecordAnswerAsync("sample", revision, check.CheckId, 0);
        var ready = await progress.ForModuleAsync("sample");
        var done = await progress.AcknowledgeAsync("sample", revision, null);

        Assert.Equal(ModuleStatus.ReadyToAcknowledge, ready!.Status);
        Assert.Equal(ModuleStatus.Complete, done.Progress!.Status);

        // A minor wording change keeps completion.
        await File.WriteAllTextAsync(ModuleFile, Module(change: "minor", secondBody: "Small fix."));
        await factory.Services.GetRequiredService<ContentSync>().SyncAsync();
        Assert.Equal(ModuleStatus.Complete, (await progress.ForModuleAsync("sample"))!.Status);

        // A material change asks for a fresh acknowledgement and says what changed.
        await File.WriteAllTextAsync(
            ModuleFile,
            Module(change: "material", secondTitle: "Second part", secondBody: "A new safety fact.")
        );
        await factory.Services.GetRequiredService<ContentSync>().SyncAsync();
        var changed = await progress.ForModuleAsync("sample");
        var dashboard = await progress.DashboardAsync();

        Assert.Equal(ModuleStatus.NeedsReacknowledgement, changed!.Status);
        Assert.Equal(["Second part"], changed.ChangedSinceAcknowledged);
        Assert.Equal(ModuleStatus.NeedsReacknowledgement, Assert.Single(dashboard.Modules).Status);
        var again = await progress.AcknowledgeAsync("sample", changed.RevisionId, null);
        Assert.Equal(ModuleStatus.Complete, again.Progress!.Status);
        Assert.Equal(1, await factory.WithDbAsync(db => db.CheckAnswers.CountAsync(a => a.PatientId == id)));
    }

    [Fact]
    public async Task AFloodOfProgressCallsOrQuestionsFromOnePatientIsRefusedWithoutTouchingOthers()
    {
        await factory.DisposeAsync();
        factory = new PortalFactory
        {
            Settings =
            {
                ["Content:Path"] = root,
                ["RateLimits:ProgressPerUser:Permits"] = "5",
                ["RateLimits:QuestionsPerUser:Permits"] = "2",
                // The limiters keep real time, not the test's clock: windows no slow run can outlast.
                ["RateLimits:ProgressPerUser:Window"] = "01:00:00",
                ["RateLimits:QuestionsPerUser:Window"] = "01:00:00",
            },
            TestServices = services => services.AddSingleton<TimeProvider>(clock),
        };
        var (scope, progress, _) = await AsUserAsync();
        await using var _1 = scope;
        var (other, otherProgress, _) = await AsUserAsync();
        await using var _2 = other;
        var revision = await RevisionAsync();

        var asked = new[]
        {
            await progress.AcknowledgeAsync("sample", revision, "First question?"),
            await progress.AcknowledgeAsync("sample", revision, "Second question?"),
            await progress.AcknowledgeAsync("sample", revision, "Third question?"),
        };
        var begun = new List<bool>();
        for (var i = 0; i < 3; i++)
        {
            begun.Add((await progress.BeginAsync("sample", revision)).Accepted);
        }

        Assert.Equal([true, true, false], asked.Select(a => a.Accepted));
        Assert.Contains("many questions", asked[2].Problem, StringComparison.Ordinal);
        Assert.Equal([true, true, false], begun); // 3 acknowledgements and 2 begins used the 5 progress writes
        Assert.True((await otherProgress.BeginAsync("sample", revision)).Accepted); // each patient has their own
        Assert.Equal(2, await factory.WithDbAsync(db => db.ContactRequests.CountAsync()));
    }

    [Fact]
    public async Task AQuestionIsStoredForTheCareTeamAndNeverCompletesTheLesson()
    {
        var (scope, progress, id) = await AsUserAsync();
        await using var _ = scope;
        var education = scope.ServiceProvider.GetRequiredService<EducationService>();
        var revision = await RevisionAsync();

        var empty = await progress.AcknowledgeAsync("sample", revision, "   ");
        var tooLong = await progress.AcknowledgeAsync("sample", revision, new string('x', 2001));
        var asked = await progress.AcknowledgeAsync("sample", revision, "Can I drive home after?  <script>x</script>");

        Assert.False(empty.Accepted);
        Assert.False(tooLong.Accepted);
        Assert.True(asked.Accepted);
        var question = await factory.WithDbAsync(db => db.ContactRequests.SingleAsync(q => q.PatientId == id));
        Assert.Equal("Can I drive home after?  <script>x</script>", question.Message); // stored as text, never markup
        Assert.Equal(ContactStatus.New, question.Status);
        Assert.Equal(ContactTopic.ModuleQuestion, question.Topic);
        Assert.True(question.AwaitingReply);
        Assert.NotNull(question.ModuleId);
        Assert.Null(asked.Progress!.AcknowledgedAt);

        // Everything read and answered, and a second question: still not complete until "I've read and understood".
        await progress.MarkReadAsync("sample", revision, "first-part");
        await progress.MarkReadAsync("sample", revision, "second-part");
        var check = (await education.ModuleAsync("sample"))!
            .Sections.SelectMany(s => s.Blocks)
            .OfType<CheckBlockView>()
            .Single();
        await progress.RecordAnswerAsync("sample", revision, check.CheckId, 1);
        var second = await progress.AcknowledgeAsync("sample", revision, "I didn't understand the second part.");
        Assert.Equal(ModuleStatus.ReadyToAcknowledge, second.Progress!.Status);
        Assert.Equal(
            ModuleStatus.Complete,
            (await progress.AcknowledgeAsync("sample", revision, null)).Progress!.Status
        );
    }

    [Fact]
    public async Task MyLearningOffersUnstartedLessonsAndContinuesAtTheFirstUnreadSection()
    {
        var (scope, progress, _) = await AsUserAsync();
        await using var _ = scope;
        var revision = await RevisionAsync();

        var fresh = await progress.DashboardAsync();
        Assert.Empty(fresh.Modules);
        Assert.Equal("sample", Assert.Single(fresh.MoreLessons).Slug); // not assigned, still offered
        Assert.Null(fresh.Next);

        await progress.MarkReadAsync("sample", revision, "first-part");
        var started = await progress.DashboardAsync();

        Assert.Empty(started.MoreLessons);
        Assert.Equal("/learn/sample#second-part", started.Next!.ContinueHref);

        await progress.MarkReadAsync("sample", revision, "second-part");
        Assert.Equal("/learn/sample#ack-title", (await progress.DashboardAsync()).Next!.ContinueHref); // the end
    }

    [Fact]
    public async Task TheReaderGetsBackTheLastAnswerToEachCheck()
    {
        var (scope, progress, _) = await AsUserAsync();
        await using var _ = scope;
        var revision = await RevisionAsync();
        var check = await factory.WithDbAsync(db =>
            db.KnowledgeChecks.Where(c => c.Section!.RevisionId == revision).Select(c => c.Id).SingleAsync()
        );

        Assert.Null((await progress.ForModuleAsync("sample"))!.EarlierAnswer(check));
        await progress.RecordAnswerAsync("sample", revision, check, 0);
        await progress.RecordAnswerAsync("sample", revision, check, 1);

        Assert.Equal(1, (await progress.ForModuleAsync("sample"))!.EarlierAnswer(check));
    }

    [Fact]
    public async Task TheCatalogShowsAPatientWhereTheyAreInEachStartedLesson()
    {
        var (scope, progress, _) = await AsUserAsync();
        await using var _ = scope;
        var revision = await RevisionAsync();

        Assert.Empty(await progress.StatusesAsync()); // nothing started yet
        await progress.MarkReadAsync("sample", revision, "first-part");

        Assert.Equal(ModuleStatus.InProgress, (await progress.StatusesAsync())["sample"]);
        await using var anonymous = factory.ScopeAs(null);
        Assert.Empty(await anonymous.ServiceProvider.GetRequiredService<ProgressService>().StatusesAsync());
    }

    [Fact]
    public async Task AnswersAreKeptOnlyForChecksAndOptionsOfTheRevisionBeingRead()
    {
        var (scope, progress, id) = await AsUserAsync();
        await using var _ = scope;
        var revision = await RevisionAsync();
        var check = await factory.WithDbAsync(db =>
            db.KnowledgeChecks.Where(c => c.Section!.RevisionId == revision).Select(c => c.Id).SingleAsync()
        );

        var forgedCheck = await progress.RecordAnswerAsync("sample", revision, check + 999, 0);
        var forgedOption = await progress.RecordAnswerAsync("sample", revision, check, 2);
        var negative = await progress.RecordAnswerAsync("sample", revision, check, -1);
        var oldRevision = await progress.RecordAnswerAsync("sample", revision - 1, check, 0);
        var wrong = await progress.RecordAnswerAsync("sample", revision, check, 0);
        var right = await progress.RecordAnswerAsync("sample", revision, check, 1);

        Assert.False(forgedCheck.Accepted);
        Assert.False(forgedOption.Accepted);
        Assert.False(negative.Accepted);
        Assert.False(oldRevision.Accepted);
        Assert.True(wrong.Accepted);
        Assert.Equal(1, right.Progress!.ChecksAnswered);
        var kept = await factory.WithDbAsync(db =>
            db.CheckAnswers.Where(a => a.PatientId == id).OrderBy(a => a.Id).Select(a => a.Correct).ToListAsync()
        );
        Assert.Equal([false, true], kept); // correctness comes from the stored answer, not from the caller

        var (staffScope, staff, _) = await AsUserAsync(PortalRoles.Clinician);
        await using var __ = staffScope;
        Assert.False((await staff.RecordAnswerAsync("sample", revision, check, 1)).Accepted);
        Assert.Equal(2, await factory.WithDbAsync(db => db.CheckAnswers.CountAsync()));
    }

    [Fact]
    public async Task TheReaderMyLearningTheMatrixAndTheRecordTellTheSameProgress()
    {
        var (scope, progress, id) = await AsUserAsync();
        await using var _ = scope;
        var revision = await RevisionAsync();
        var check = await factory.WithDbAsync(db =>
            db.KnowledgeChecks.Where(c => c.Section!.RevisionId == revision).Select(c => c.Id).SingleAsync()
        );
        await progress.MarkReadAsync("sample", revision, "first-part");
        await progress.RecordAnswerAsync("sample", revision, check, 0);

        var reader = (await progress.ForModuleAsync("sample"))!;
        var mine = Assert.Single((await progress.DashboardAsync()).Modules);
        await using var admin = factory.ScopeAs(PortalFactory.User("admin-1", PortalRoles.Admin));
        var email = await factory.WithDbAsync(db =>
            db.Users.Where(u => u.Id == id).Select(u => u.Email!).SingleAsync()
        );
        var matrix = await admin
            .ServiceProvider.GetRequiredService<MatrixService>()
            .BuildAsync(new MatrixFilter(Search: email));
        var record = (await admin.ServiceProvider.GetRequiredService<PatientRecordService>().DetailAsync(id))!;

        Assert.Equal((50, ModuleStatus.InProgress, 1), (reader.Percent, reader.Status, reader.ChecksAnswered));
        Assert.Equal((50, ModuleStatus.InProgress), (mine.Percent, mine.Status));
        var cell = Assert.Single(Assert.Single(matrix.Rows).Cells);
        Assert.Equal((CellStatus.InProgress, 50), (cell.Status, cell.Percent));
        var summary = Assert.Single(record.Modules);
        Assert.Equal(
            (1, 2, CellStatus.InProgress, 50),
            (summary.SectionsRead, summary.Sections, summary.Cell.Status, summary.Cell.Percent)
        );
    }

    [Fact]
    public async Task ModuleTimeIsAlwaysTheSumOfSectionTimes()
    {
        var (scope, progress, id) = await AsUserAsync();
        await using var _ = scope;
        var revision = await RevisionAsync();
        await progress.BeginAsync("sample", revision);
        for (var i = 0; i < 4; i++)
        {
            clock.Advance(5);
            await progress.ReportAsync(
                "sample",
                revision,
                Guid.NewGuid(),
                new Dictionary<string, double> { ["first-part"] = 5, ["second-part"] = 3 },
                null,
                clock.Now.UtcDateTime
            );
        }

        var dashboard = await progress.DashboardAsync();
        var rows = await factory.WithDbAsync(db =>
            db.SectionProgress.Where(p => p.PatientId == id).SumAsync(p => p.ActiveSeconds)
        );

        Assert.Equal(32, rows);
        Assert.Equal(rows, Assert.Single(dashboard.Modules).Seconds);
        Assert.Equal(rows, dashboard.TotalSeconds);
    }

    [Fact]
    public async Task EachReportAnswersWithWhatAFreshReadOfTheProgressShows()
    {
        var (scope, progress, id) = await AsUserAsync();
        await using var _ = scope;
        var revision = await RevisionAsync();
        await progress.BeginAsync("sample", revision);

        // A new row, seconds only (answered from what the reader was given), the section read, seconds only again.
        foreach (
            var (key, seconds) in new[] { ("first-part", 4.0), ("first-part", 3), ("first-part", 3), ("first-part", 2) }
        )
        {
            clock.Advance(seconds);
            var outcome = await progress.ReportAsync(
                "sample",
                revision,
                Guid.NewGuid(),
                Seconds(key, seconds),
                key,
                clock.Now.UtcDateTime
            );

            await AssertShowsAFreshReadAsync(id, outcome);
        }
    }

    [Fact]
    public async Task AReportAfterAnotherTabsChangesShowsThoseChanges()
    {
        var (scope, progress, id) = await AsUserAsync();
        await using var _ = scope;
        await using var scope2 = factory.ScopeAs(PortalFactory.User(id, PortalRoles.Patient));
        var tab2 = scope2.ServiceProvider.GetRequiredService<ProgressService>();
        var revision = await RevisionAsync();
        var check = await factory.WithDbAsync(db =>
            db.KnowledgeChecks.Where(c => c.Section!.RevisionId == revision).Select(c => c.Id).SingleAsync()
        );
        await progress.BeginAsync("sample", revision);
        await AcceptedReportAsync(progress, revision, 2, 2);
        await AcceptedReportAsync(progress, revision, 2, 2);

        // Each change in the other tab shows in this tab's next report, though that report only adds seconds.
        clock.Advance(1);
        await tab2.MarkReadAsync("sample", revision, "second-part");
        Assert.Contains("second-part", (await AcceptedReportAsync(progress, revision, 1, 1)).ReadSections);

        clock.Advance(1);
        await tab2.RecordAnswerAsync("sample", revision, check, 1);
        var answered = await AcceptedReportAsync(progress, revision, 1, 1);
        Assert.Equal(1, answered.ChecksAnswered);
        Assert.Equal(1, answered.EarlierAnswer(check));

        await AcceptedReportAsync(tab2, revision, 4, 4); // 10 s in all: read by the other tab's report
        Assert.Contains("first-part", (await AcceptedReportAsync(progress, revision, 1, 1)).ReadSections);

        await AssertShowsAFreshReadAsync(
            id,
            await progress.ReportAsync(
                "sample",
                revision,
                Guid.NewGuid(),
                Seconds("first-part", 0),
                "first-part",
                clock.Now.UtcDateTime
            )
        );
    }

    [Fact]
    public async Task AWriteThatMovesNothingTheReportLoadsShowsWithinHalfAMinute()
    {
        var (scope, progress, id) = await AsUserAsync();
        await using var _ = scope;
        var revision = await RevisionAsync();
        var check = await factory.WithDbAsync(db =>
            db.KnowledgeChecks.Where(c => c.Section!.RevisionId == revision).Select(c => c.Id).SingleAsync()
        );
        await progress.BeginAsync("sample", revision);
        await AcceptedReportAsync(progress, revision, 1, 2);

        // An answer whose row change was lost to a save elsewhere (two instances): nothing the report loads moved.
        await factory.WithDbAsync(db =>
        {
            db.CheckAnswers.Add(
                new CheckAnswer
                {
                    PatientId = id,
                    CheckId = check,
                    Option = 1,
                    Correct = true,
                    AnsweredAt = clock.Now.UtcDateTime,
                }
            );
            return db.SaveChangesAsync();
        });
        // Still the state this tab was given (2 s old), then the answer once that state is half a minute old.
        Assert.Equal(0, (await AcceptedReportAsync(progress, revision, 1, 2)).ChecksAnswered);
        var later = await AcceptedReportAsync(progress, revision, 1, ShownProgress.MaxAge.TotalSeconds);
        Assert.Equal(1, later.ChecksAnswered);
    }

    /// <summary>After <paramref name="wait"/> s, a report of <paramref name="seconds"/> on the first part.</summary>
    private async Task<ReaderProgress> AcceptedReportAsync(
        ProgressService tab,
        int revision,
        double seconds,
        double wait
    )
    {
        clock.Advance(wait);
        var outcome = await tab.ReportAsync(
            "sample",
            revision,
            Guid.NewGuid(),
            Seconds("first-part", seconds),
            "first-part",
            clock.Now.UtcDateTime
        );
        Assert.True(outcome.Accepted, outcome.Problem);
        return outcome.Progress!;
    }

    private async Task AssertShowsAFreshReadAsync(string patientId, ProgressOutcome outcome)
    {
        await using var fresh = factory.ScopeAs(PortalFactory.User(patientId, PortalRoles.Patient));
        var expected = await fresh.ServiceProvider.GetRequiredService<ProgressService>().ForModuleAsync("sample");
        Assert.True(outcome.Accepted, outcome.Problem);
        Assert.True(outcome.Progress!.ShowsTheSameAs(expected!), $"{outcome.Progress} differs from {expected}");
        Assert.Equal(expected!.SecondsBySection, outcome.Progress.SecondsBySection);
    }
}
