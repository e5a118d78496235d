using ClarityPortal.Data.CareTeam;
using ClarityPortal.Data.Identity;
using ClarityPortal.Data.Patients;
using ClarityPortal.Data.Progress;
using ClarityPortal.Web.Features.Patients.Matrix;
using ClarityPortal.Web.Features.Progress;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClarityPortal.IntegrationTests.Patients;

/// <summary>Eight modules of the test's own and a caseload of 500 patients written straight to SQLite.</summary>
public sealed class LargeCaseloadFactory : CaseloadFactory
{
    public const int Patients = 500;
    public const int Modules = 8;

    private readonly string root = Path.Combine(Path.GetTempPath(), $"clarity-matrix-{Guid.NewGuid():N}");

    public LargeCaseloadFactory()
    {
        Directory.CreateDirectory(Path.Combine(root, "modules"));
        for (var i = 1; i <= Modules; i++)
        {
            File.WriteAllText(
                Path.Combine(root, "modules", $"{i:00}-m.md"),
                $"""
                ---
                slug: module-{i}
                title: Module {i}
                summary: Sample module {i}.
                order: {i}
                minutes: 3
                version: "1.0"
                change: material
                reviewed_by: "Test reviewer"
                reviewed_on: 2026-11-01
                references:
                  - id: a
                    text: "A source."
                ---

                ## First part

                Some words here. [ref:a]

                ## Second part

                More words here.

                ::: check
                question: Pick two.
                options: [one, two]
                answer: 2
                explain: Two is right.
                :::

                ## Third part

                Last words here.
                """
            );
        }

        Settings["Content:Path"] = root;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(root, recursive: true);
    }
}

public sealed class MatrixScaleTests : IClassFixture<LargeCaseloadFactory>, IAsyncLifetime
{
    private readonly LargeCaseloadFactory factory;

    public MatrixScaleTests(LargeCaseloadFactory factory) => this.factory = factory;

    public async Task InitializeAsync()
    {
        await factory.SeedAsync();
        await factory.WithDbAsync(async db =>
        {
            if (await db.Users.CountAsync(u => u.Kind == UserKind.Patient) > 10)
            {
                return 0;
            }

            var modules = await db
                .Modules.OrderBy(m => m.Order)
                .Select(m => new
                {
                    m.Id,
                    Keys = m.CurrentRevision!.Sections.OrderBy(s => s.Order).Select(s => s.Key).ToList(),
                    Check = m.CurrentRevision.Sections.SelectMany(s => s.Checks).Select(c => c.Id).First(),
                })
                .ToListAsync();
            Assert.Equal(LargeCaseloadFactory.Modules, modules.Count);
            var now = DateTime.UtcNow;
            var today = DateOnly.FromDateTime(now);
            for (var p = 0; p < LargeCaseloadFactory.Patients; p++)
            {
                var id = $"bulk-{p:000}";
                db.Users.Add(
                    new ApplicationUser
                    {
                        Id = id,
                        UserName = $"{id}@example.org",
                        Email = $"{id}@example.org",
                        DisplayName = $"Bulk Patient {p:000}",
                        Kind = UserKind.Patient,
                        CreatedAt = now,
                    }
                );
                db.CareTeamLinks.Add(
                    new CareTeamLink
                    {
                        PatientId = id,
                        ClinicianId = factory.ClinicianA.Id,
                        LinkedAt = now,
                    }
                );
                foreach (var (m, i) in modules.Select((m, i) => (m, i)))
                {
                    db.ModuleAssignments.Add(
                        new ModuleAssignment
                        {
                            PatientId = id,
                            ModuleId = m.Id,
                            AssignedById = factory.ClinicianA.Id,
                            AssignedAt = now,
                            DueOn = today.AddDays(p % 3 == 0 ? -1 : 5),
                        }
                    );
                    var read = (p + i) % 4; // 0..3 sections read; 3 = all
                    if (read == 0)
                    {
                        continue;
                    }

                    db.ModuleProgress.Add(
                        new ModuleProgress
                        {
                            PatientId = id,
                            ModuleId = m.Id,
                            StartedAt = now,
                            LastActivityAt = now,
                            AcknowledgedAt = read == 3 ? now : null,
                        }
                    );
                    db.SectionProgress.AddRange(
                        m.Keys.Take(read)
                            .Select(k => new SectionProgress
                            {
                                PatientId = id,
                                ModuleId = m.Id,
                                SectionKey = k,
                                FirstSeenAt = now,
                                LastCountedAt = now,
                                ActiveSeconds = 30,
                                ReadAt = now,
                            })
                    );
                    if (read >= 2)
                    {
                        db.CheckAnswers.Add(
                            new CheckAnswer
                            {
                                PatientId = id,
                                CheckId = m.Check,
                                Option = 1,
                                Correct = true,
                                AnsweredAt = now,
                            }
                        );
                    }
                }
            }

            await db.SaveChangesAsync();
            await ProgressSummaries.RebuildAsync(db); // rows written around the services
            return 0;
        });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<(MatrixView View, int Commands)> BuildAsync(MatrixFilter filter)
    {
        await using var scope = factory.ScopeAs(CaseloadFactory.As(factory.ClinicianA, PortalRoles.Clinician));
        var matrix = scope.ServiceProvider.GetRequiredService<MatrixService>();
        factory.Counter.Reset();
        var view = await matrix.BuildAsync(filter);
        var commands = factory.Counter.Commands.Count(c =>
            !c.Contains("AuditEvents", StringComparison.Ordinal) && !c.StartsWith("PRAGMA", StringComparison.Ordinal)
        );
        return (view, commands);
    }

    [Fact]
    public async Task TheMatrixFor500PatientsAnd8ModulesTakesTwoSqlQueries()
    {
        var (view, commands) = await BuildAsync(new MatrixFilter());

        Assert.Equal(LargeCaseloadFactory.Patients + 1, view.Total); // and the fixture's own patient of A
        Assert.Equal(MatrixFilter.PageSize, view.Rows.Count);
        Assert.Equal(LargeCaseloadFactory.Modules, view.Columns.Count);
        Assert.Equal(2, commands);
    }

    [Fact]
    public async Task FiltersAndTheLastPageCostNoExtraQueries()
    {
        var (overdue, overdueCommands) = await BuildAsync(new MatrixFilter(OverdueOnly: true));
        var (last, lastCommands) = await BuildAsync(new MatrixFilter(Page: 11));

        Assert.Equal(2, overdueCommands);
        Assert.Equal(2, lastCommands);
        Assert.All(overdue.Rows, r => Assert.Contains(r.Cells, c => c.Status == CellStatus.Overdue));
        Assert.Equal(11, last.PageCount);
        Assert.Single(last.Rows);
    }

    [Fact]
    public async Task CellsAreComputedFromTheRowsTheWayTheReaderComputesThem()
    {
        var (view, _) = await BuildAsync(new MatrixFilter(Search: "bulk patient 001")); // any case
        var row = Assert.Single(view.Rows);

        // Patient 1: module i has (1 + i) % 4 sections read; 3 = all read, the check answered and acknowledged.
        Assert.Equal(CellStatus.InProgress, row.Cells[0].Status); // 1 of 3
        Assert.Equal(33, row.Cells[0].Percent);
        Assert.Equal(CellStatus.InProgress, row.Cells[1].Status); // 2 of 3
        Assert.Equal(CellStatus.Complete, row.Cells[2].Status);
        Assert.Equal(CellStatus.NotStarted, row.Cells[3].Status);

        var (overdue, _) = await BuildAsync(new MatrixFilter(Search: "Bulk Patient 003"));
        // Patient 3 (3 % 3 == 0): everything was due yesterday.
        // all read: complete wins over the date
        Assert.Equal(CellStatus.Complete, overdue.Rows.Single().Cells[0].Status);
        Assert.Equal(CellStatus.Overdue, overdue.Rows.Single().Cells[1].Status); // nothing read
    }

    [Theory]
    [InlineData("BULK-000@EXAMPLE", 1)]
    [InlineData("patient 00_", 0)] // an underscore is a character here, not a wildcard
    [InlineData("%", 0)]
    public async Task SearchIgnoresCaseAndTreatsWildcardsAsText(string search, int expected)
    {
        var (view, commands) = await BuildAsync(new MatrixFilter(Search: search));

        Assert.Equal(expected, view.Total);
        Assert.Equal(2, commands);
    }
}
