using System.Security.Claims;
using System.Text;
using System.Text.Json;
using ClarityPortal.Data.CareTeam;
using ClarityPortal.Data.Identity;
using ClarityPortal.Data.Patients;
using ClarityPortal.Data.Progress;
using ClarityPortal.IntegrationTests.Progress;
using ClarityPortal.Web.Features.Education;
using ClarityPortal.Web.Features.Patients;
using ClarityPortal.Web.Features.Patients.Matrix;
using ClarityPortal.Web.Features.Progress;
using ClarityPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace ClarityPortal.IntegrationTests.Patients;

/// <summary>
/// Five modules of the test's own, a clinic in Los Angeles, a clock that stands still (evening there, the next
/// day in UTC) and a random caseload: written straight to SQLite and recounted, then a content sync publishing new
/// revisions, then patients reading, answering, acknowledging and asking, and clinicians assigning, through the
/// services. The seed comes from MATRIX_SEED when set (to replay a failure), else it is new every run.
/// </summary>
public sealed class RandomCaseloadFactory : CaseloadFactory
{
    public const int Patients = 240;

    private readonly string root = Path.Combine(Path.GetTempPath(), $"clarity-random-{Guid.NewGuid():N}");

    public RandomCaseloadFactory()
    {
        Directory.CreateDirectory(Path.Combine(root, "modules"));
        for (var i = 1; i <= 5; i++)
        {
            File.WriteAllText(ModuleFile(i), Module(i, revised: false));
        }

        Settings["Content:Path"] = root;
        Settings["Clinic:TimeZone"] = "America/Los_Angeles";
        TestServices = services =>
        {
            services.AddSingleton<IInterceptor>(Counter);
            services.AddSingleton<TimeProvider>(Clock);
        };
        Seed = int.TryParse(System.Environment.GetEnvironmentVariable("MATRIX_SEED"), out var seed)
            ? seed
            : Random.Shared.Next();
    }

    public int Seed { get; }

    /// <summary>8 pm in Los Angeles on Dec 1, 2026: already Dec 2 in UTC.</summary>
    public ManualClock Clock { get; } = new() { Now = new DateTimeOffset(2026, 12, 2, 4, 0, 0, TimeSpan.Zero) };

    public string ModuleFile(int i) => Path.Combine(root, "modules", $"{i:00}-m.md");

    /// <summary>
    /// Module <paramref name="i"/>: 2–4 sections, some with checks. The revision changes module 1's sections (one
    /// gone, one new with a check), module 2's words (minor), module 3's words (material) and module 4's checks
    /// (a new one before the old); module 5 stays as it is.
    /// </summary>
    public static string Module(int i, bool revised)
    {
        var change = revised && i == 2 ? "minor" : "material";
        var sections = new List<string>
        {
            "## Part A\n\nSome words here. [ref:a]" + (revised && i is 2 or 3 ? " Changed words." : ""),
            "## Part B\n\nMore words here." + Check("Pick two.") + (revised && i == 4 ? Check("New first?") : ""),
        };
        if (i is 1 or 3 or 4)
        {
            sections.Add("## Part C\n\nEven more words." + (i == 4 ? Check("Pick one.") : ""));
        }

        if (i is 1 or 4)
        {
            sections.Add("## Part D\n\nThe last words." + Check("Pick three."));
        }

        if (revised && i == 1)
        {
            sections.RemoveAt(2); // Part C is gone
            sections.Add("## Part E\n\nA new part." + Check("Pick four."));
        }

        if (revised && i == 4)
        {
            // The new check comes first in Part B: the old one moves to the second place.
            sections[1] = "## Part B\n\nMore words here." + Check("New first?") + Check("Pick two.");
        }

        return $"""
            ---
            slug: module-{i}
            title: "Module {i}: sample"
            summary: Sample module {i}.
            order: {6 - i}
            minutes: 3
            version: "{(revised && i != 5 ? "1.1" : "1.0")}"
            change: {change}
            reviewed_by: "Test reviewer"
            reviewed_on: 2026-11-01
            references:
              - id: a
                text: "A source."
            ---

            {string.Join("\n\n", sections)}
            """;
    }

    private static string Check(string question) =>
        $"\n\n::: check\nquestion: {question}\noptions: [one, two, three]\nanswer: 1\nexplain: Because.\n:::";

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(root, recursive: true);
    }
}

/// <summary>
/// The SQL path (progress summaries, filters and paging in the database) gives exactly what the old in-memory
/// computation (<see cref="MatrixReference"/>) gives: every filter, every page, the CSV and the overview.
/// </summary>
public sealed class MatrixSqlPathTests(RandomCaseloadFactory factory, ITestOutputHelper output)
    : IClassFixture<RandomCaseloadFactory>,
        IAsyncLifetime
{
    private static readonly string[] Names =
    [
        "Alex Kim",
        "Sam Lee",
        "Jordan Lee",
        "Robin Diaz",
        "Casey Novak",
        "Morgan Ito",
        "Quinn Shah",
        "Avery Cole",
    ];

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public async Task InitializeAsync()
    {
        output.WriteLine($"MATRIX_SEED={factory.Seed}");
        await factory.SeedAsync();
        if (await factory.WithDbAsync(db => db.ProgressSummaries.AnyAsync()))
        {
            return; // one caseload for the class
        }

        var random = new Random(factory.Seed);
        var today = factory.Services.GetRequiredService<ClinicCalendar>().Today;
        var patients = await WriteCaseloadAsync(random, today);

        // A new revision of modules 1–4 (module 2's minor), counted by the content sync in its own transaction.
        for (var i = 1; i <= 5; i++)
        {
            await File.WriteAllTextAsync(factory.ModuleFile(i), RandomCaseloadFactory.Module(i, revised: true));
        }

        var synced = await factory.Services.GetRequiredService<ContentSync>().SyncAsync();
        Assert.Equal(4, synced.Count(r => r.Outcome == SyncOutcome.Published));

        await WorkThroughTheServicesAsync(random, patients, today);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Patients, care teams, assignments and reading of the first revisions, straight into SQLite.</summary>
    private async Task<List<string>> WriteCaseloadAsync(Random random, DateOnly today)
    {
        var ids = new List<string>();
        await factory.WithDbAsync(async db =>
        {
            var modules = await db
                .Modules.Select(m => new
                {
                    m.Id,
                    Revision = m.CurrentRevisionId!.Value,
                    Keys = m.CurrentRevision!.Sections.Select(s => s.Key).ToList(),
                    Checks = m.CurrentRevision.Sections.SelectMany(s => s.Checks).Select(c => c.Id).ToList(),
                })
                .ToListAsync();
            var now = factory.Clock.Now.UtcDateTime;
            for (var p = 0; p < RandomCaseloadFactory.Patients; p++)
            {
                var id = Guid.NewGuid().ToString();
                ids.Add(id);
                db.Users.Add(
                    new ApplicationUser
                    {
                        Id = id,
                        UserName = $"r{p}@example.org",
                        Email = $"r{p}@example.org",
                        DisplayName = Names[random.Next(Names.Length)],
                        Kind = UserKind.Patient,
                        CreatedAt = now,
                        NextSessionOn = random.Next(10) < 4 ? null : today.AddDays(random.Next(-3, 21)),
                    }
                );
                var team = random.Next(10);
                foreach (
                    var clinician in team < 7 ? [factory.ClinicianA.Id]
                    : team < 9 ? [factory.ClinicianB.Id]
                    : new[] { factory.ClinicianA.Id, factory.ClinicianB.Id }
                )
                {
                    db.CareTeamLinks.Add(
                        new CareTeamLink
                        {
                            PatientId = id,
                            ClinicianId = clinician,
                            LinkedAt = now,
                        }
                    );
                }

                foreach (var m in modules)
                {
                    if (random.Next(10) < 6)
                    {
                        db.ModuleAssignments.Add(
                            new ModuleAssignment
                            {
                                PatientId = id,
                                ModuleId = m.Id,
                                AssignedById = factory.ClinicianA.Id,
                                AssignedAt = now,
                                DueOn = random.Next(5) == 0 ? null : today.AddDays(random.Next(-8, 13)),
                            }
                        );
                    }

                    if (random.Next(20) < 11)
                    {
                        WriteReading(db, random, id, m.Id, m.Revision, m.Keys, m.Checks, now);
                    }
                }
            }

            await db.SaveChangesAsync();
            await ProgressSummaries.RebuildAsync(db); // rows written around the services
            return 0;
        });
        return ids;
    }

    private static void WriteReading(
        ClarityPortal.Data.ClarityDbContext db,
        Random random,
        string patient,
        int module,
        int revision,
        List<string> keys,
        List<int> checks,
        DateTime now
    )
    {
        var read = keys.Where(_ => random.Next(10) < 6).ToList();
        foreach (var key in keys.Where(k => read.Contains(k) || random.Next(4) == 0))
        {
            db.SectionProgress.Add(
                new SectionProgress
                {
                    PatientId = patient,
                    ModuleId = module,
                    SectionKey = key,
                    FirstSeenAt = now,
                    LastCountedAt = now,
                    ActiveSeconds = 20,
                    ReadAt = read.Contains(key) ? now : null,
                }
            );
        }

        if (random.Next(8) == 0)
        {
            // Read in a revision long gone: never counts.
            db.SectionProgress.Add(
                new SectionProgress
                {
                    PatientId = patient,
                    ModuleId = module,
                    SectionKey = "a-part-since-removed",
                    FirstSeenAt = now,
                    LastCountedAt = now,
                    ReadAt = now,
                }
            );
        }

        var answered = checks.Where(_ => random.Next(10) < 6).ToList();
        foreach (var check in answered.Concat(answered.Where(_ => random.Next(3) == 0)))
        {
            db.CheckAnswers.Add(
                new CheckAnswer
                {
                    PatientId = patient,
                    CheckId = check,
                    Option = random.Next(3),
                    AnsweredAt = now,
                }
            );
        }

        var done = read.Count == keys.Count && answered.Count == checks.Count;
        var ack = random.Next(10);
        db.ModuleProgress.Add(
            new ModuleProgress
            {
                PatientId = patient,
                ModuleId = module,
                StartedAt = now,
                LastActivityAt = now,
                AcknowledgedAt = (done && ack < 8) || ack == 9 ? now : null,
                AcknowledgedRevisionId = (done && ack < 8) || ack == 9 ? revision : null,
                // Earlier versions stored a question as an acknowledgement; it never counts as one.
                AcknowledgedAs =
                    ack == 9 ? Acknowledgement.Question
                    : done && ack < 8 ? Acknowledgement.Understood
                    : null,
            }
        );
    }

    /// <summary>Some patients read, answer, acknowledge and ask; an admin assigns and unassigns.</summary>
    private async Task WorkThroughTheServicesAsync(Random random, List<string> patients, DateOnly today)
    {
        var modules = await factory.WithDbAsync(db =>
            db.Modules.Select(m => new
                {
                    m.Id,
                    m.Slug,
                    Revision = m.CurrentRevisionId!.Value,
                    Keys = m.CurrentRevision!.Sections.OrderBy(s => s.Order).Select(s => s.Key).ToList(),
                    Checks = m.CurrentRevision.Sections.SelectMany(s => s.Checks).Select(c => c.Id).ToList(),
                })
                .ToListAsync()
        );
        foreach (var patient in patients.Where(_ => random.Next(5) == 0))
        {
            await using var scope = factory.ScopeAs(CaseloadFactory.As(new() { Id = patient }, PortalRoles.Patient));
            var progress = scope.ServiceProvider.GetRequiredService<ProgressService>();
            foreach (var m in modules.Where(_ => random.Next(2) == 0))
            {
                await progress.BeginAsync(m.Slug, m.Revision);
                foreach (var key in m.Keys.Where(_ => random.Next(10) < 7))
                {
                    Assert.True((await progress.MarkReadAsync(m.Slug, m.Revision, key)).Accepted);
                }

                foreach (var check in m.Checks.Where(_ => random.Next(10) < 7))
                {
                    Assert.True((await progress.RecordAnswerAsync(m.Slug, m.Revision, check, random.Next(3))).Accepted);
                }

                // Refused unless everything is read and answered; a question goes to the care team.
                await progress.AcknowledgeAsync(m.Slug, m.Revision, random.Next(6) == 0 ? "What about this?" : null);
            }
        }

        await using var admin = factory.ScopeAs(CaseloadFactory.As(factory.Admin, PortalRoles.Admin));
        var care = admin.ServiceProvider.GetRequiredService<PatientService>();
        foreach (var patient in patients.Where(_ => random.Next(6) == 0))
        {
            var module = modules[random.Next(modules.Count)].Id;
            if (random.Next(3) == 0)
            {
                Assert.Null(await care.UnassignAsync(patient, module));
            }
            else
            {
                var due = random.Next(4) == 0 ? (DateOnly?)null : today.AddDays(random.Next(0, 10));
                Assert.Null(await care.AssignAsync(patient, [module], due));
            }
        }
    }

    public static TheoryData<string> Viewers() => new() { "clinician", "admin" };

    [Theory]
    [MemberData(nameof(Viewers))]
    public async Task TheSqlPathGivesTheSameMatrixAsTheRulesOnARandomCaseload(string viewer)
    {
        var user =
            viewer == "admin"
                ? CaseloadFactory.As(factory.Admin, PortalRoles.Admin)
                : CaseloadFactory.As(factory.ClinicianA, PortalRoles.Clinician);
        var today = factory.Services.GetRequiredService<ClinicCalendar>().Today;
        var modules = await factory.WithDbAsync(db => db.Modules.OrderBy(m => m.Order).Select(m => m.Id).ToListAsync());
        var seen = new HashSet<CellStatus>();
        var compared = 0;

        foreach (var search in new[] { null, "lee", "R1" })
        {
            // A scope per search: a circuit's sign-in is revalidated every minute, and this test's principal has no
            // session to revalidate, so one scope for the whole test failed when a slow machine took over a minute.
            await using var scope = factory.ScopeAs(user);
            var matrix = scope.ServiceProvider.GetRequiredService<MatrixService>();
            var (allColumns, allRows) = await factory.WithDbAsync(db =>
                MatrixReference.ComputeAsync(db, user, search, today)
            );
            seen.UnionWith(allRows.SelectMany(r => r.Cells).Select(c => c.Status));
            foreach (var status in new CellStatus?[] { null }.Concat(Enum.GetValues<CellStatus>().Cast<CellStatus?>()))
            {
                foreach (var module in new int?[] { null, modules[0], modules[3], 999 })
                {
                    foreach (var (overdue, session) in new[] { (false, (int?)null), (true, null), (false, 7) })
                    {
                        var filter = new MatrixFilter(status, module, overdue, session, search);
                        var (columns, rows) = MatrixReference.Filter(allColumns, allRows, filter, today);
                        var csv = await MatrixCsv.WriteAsync(columns, rows);
                        var exported = await matrix.ExportCsvAsync(filter);
                        Assert.True(csv.SequenceEqual(exported), Problem(filter, "the CSV differs"));
                        var pages = Math.Max(1, (rows.Count + MatrixFilter.PageSize - 1) / MatrixFilter.PageSize);
                        foreach (var page in new[] { 1, 2, pages, 99 }.Distinct())
                        {
                            var expected = MatrixReference.Page(columns, rows, filter with { Page = page }, today);
                            var actual = await matrix.BuildAsync(filter with { Page = page });
                            Assert.True(
                                JsonSerializer.Serialize(expected, Json) == JsonSerializer.Serialize(actual, Json),
                                Problem(filter with { Page = page }, "the page differs")
                            );
                        }

                        compared++;
                    }
                }
            }
        }

        var (everyColumn, everyRow) = await factory.WithDbAsync(db =>
            MatrixReference.ComputeAsync(db, user, null, today)
        );
        await using var overviewScope = factory.ScopeAs(user);
        Assert.Equal(
            JsonSerializer.Serialize(MatrixReference.Overview(everyColumn, everyRow, today), Json),
            JsonSerializer.Serialize(
                await overviewScope.ServiceProvider.GetRequiredService<MatrixService>().OverviewAsync(),
                Json
            )
        );
        // The caseload is worth comparing: every status shows up, and some cells have a question waiting.
        Assert.True(seen.SetEquals(Enum.GetValues<CellStatus>()), $"MATRIX_SEED={factory.Seed}: not every status");
        Assert.Contains(everyRow, r => r.Cells.Any(c => c.OpenQuestions > 0));
        Assert.Equal(3 * 7 * 4 * 3, compared);
    }

    [Fact]
    public async Task TheSummariesEqualWhatTheRulesSayAfterSyncAndServiceWrites() =>
        await ProgressSummaryChecks.AssertMatchTheRulesAsync(factory, $"MATRIX_SEED={factory.Seed}");

    private string Problem(MatrixFilter filter, string what) =>
        $"MATRIX_SEED={factory.Seed}: {what} for {filter} (replay with MATRIX_SEED={factory.Seed})";
}

/// <summary>Compares the stored summaries with ProgressFacts and the assignments, recounted from scratch.</summary>
internal static class ProgressSummaryChecks
{
    public static Task AssertMatchTheRulesAsync(PortalFactory factory, string context = "") =>
        factory.WithDbAsync(db => AssertMatchTheRulesAsync(db, context));

    public static async Task<int> AssertMatchTheRulesAsync(ClarityPortal.Data.ClarityDbContext db, string context)
    {
        {
            var stored = await db
                .ProgressSummaries.AsNoTracking()
                .Select(s => new
                {
                    s.PatientId,
                    s.ModuleId,
                    s.Assigned,
                    s.DueOn,
                    s.Status,
                    s.Percent,
                })
                .ToListAsync();
            var snapshot = await ProgressFacts.LoadAsync(db, db.Users.Select(u => u.Id));
            var published = snapshot.Modules.Select(m => m.Id).ToHashSet();
            var assigned = await db
                .ModuleAssignments.Where(a => published.Contains(a.ModuleId))
                .ToDictionaryAsync(a => (a.PatientId, a.ModuleId), a => a.DueOn);
            var expected = assigned
                .Keys.Union(snapshot.Facts.Keys.Select(k => (k.PatientId, k.ModuleId)))
                .Select(k =>
                {
                    var facts = snapshot.For(k.ModuleId, k.PatientId);
                    return new
                    {
                        k.PatientId,
                        k.ModuleId,
                        Assigned = assigned.ContainsKey(k),
                        DueOn = assigned.GetValueOrDefault(k),
                        Status = (int)(facts?.Status ?? ModuleStatus.NotStarted),
                        Percent = facts?.Percent ?? 0,
                    };
                });
            var order = (string p, int m) => $"{p}/{m:000000}";
            Assert.True(
                expected
                    .OrderBy(e => order(e.PatientId, e.ModuleId), StringComparer.Ordinal)
                    .SequenceEqual(stored.OrderBy(s => order(s.PatientId, s.ModuleId), StringComparer.Ordinal)),
                $"{context}: the stored summaries differ from what the rules say"
            );
            return 0;
        }
    }
}
