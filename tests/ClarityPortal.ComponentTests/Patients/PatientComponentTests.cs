using Bunit;
using ClarityPortal.Data;
using ClarityPortal.Data.Identity;
using ClarityPortal.Data.Patients;
using ClarityPortal.Web.Features.Patients.Matrix;
using ClarityPortal.Web.Features.Patients.Record;
using ClarityPortal.Web.Features.Progress;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClarityPortal.ComponentTests.Patients;

public class PatientComponentTests : DbComponentTest
{
    [Theory]
    [InlineData(CellStatus.Complete, "Complete")]
    [InlineData(CellStatus.InProgress, "In progress 40%")]
    [InlineData(CellStatus.Overdue, "Overdue (40%)")]
    [InlineData(CellStatus.NeedsReacknowledgement, "Needs re-acknowledgement")]
    [InlineData(CellStatus.NotStarted, "Not started")]
    public void ACellSaysItsStatusInWordsWithAnIconNotByColourAlone(CellStatus status, string words)
    {
        var cell = Render<CellBadge>(p =>
            p.Add(c => c.Cell, new MatrixCell(1, status, 40, new DateOnly(2026, 12, 1), true))
        );

        Assert.Contains(words, cell.Find(".cell").TextContent, StringComparison.Ordinal);
        Assert.NotNull(cell.Find(".cell svg"));
    }

    [Fact]
    public async Task TheMatrixShowsEachPatientWithACellPerModuleAndAnExportOfTheSameView()
    {
        var module = Db.Seed(Services);
        var factory = Services.GetRequiredService<IDbContextFactory<ClarityDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            db.Users.Add(
                new ApplicationUser
                {
                    Id = "p1",
                    UserName = "p1",
                    Email = "p1@example.org",
                    DisplayName = "Casey <b>Bold</b>",
                    Kind = UserKind.Patient,
                    CreatedAt = DateTime.UtcNow,
                }
            );
            db.ModuleAssignments.Add(
                new ModuleAssignment
                {
                    PatientId = "p1",
                    ModuleId = db.Modules.Single().Id,
                    AssignedById = "x",
                    AssignedAt = DateTime.UtcNow,
                    DueOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1),
                }
            );
            await db.SaveChangesAsync();
            await ProgressSummaries.RebuildAsync(db); // the assignment was written around PatientService
        }

        SignInAs("admin", PortalRoles.Admin);
        Services
            .GetRequiredService<Bunit.TestDoubles.BunitNavigationManager>()
            .NavigateTo("/clinician/patients?overdue=true");
        var page = Render<PatientsPage>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("table.matrix tbody tr")));
        var row = page.Find("table.matrix tbody tr");
        // the name stays text
        Assert.Contains("Casey <b>Bold</b>", row.QuerySelector("th")!.TextContent, StringComparison.Ordinal);
        Assert.Null(row.QuerySelector("b"));
        Assert.Contains("Overdue (0%)", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("/clinician/patients.csv?overdue=true", page.Find("#export-csv").GetAttribute("href"));
        Assert.NotNull(module);
    }

    [Fact]
    public void AMissedAnswerIsHighlightedWithTheExplanationAndAPatientSQuestionStaysPlainText()
    {
        var events = new List<TimelineEvent>
        {
            new(
                DateTime.UtcNow,
                TimelineKind.Question,
                "M",
                "Asked a question (CR-ABCDE, New)",
                "<img src=x onerror=alert(1)> is this normal?"
            ),
            new(
                DateTime.UtcNow.AddMinutes(-5),
                TimelineKind.CheckAnswered,
                "M",
                "Missed: Which is right?",
                "Chose “Wrong”. Explanation shown: Because.",
                Missed: true
            ),
        };

        var timeline = Render<PatientTimeline>(p => p.Add(t => t.Events, events));

        var missed = timeline.Find(".timeline__item--missed");
        Assert.Contains("Explanation shown: Because.", missed.TextContent, StringComparison.Ordinal);
        Assert.Empty(timeline.FindAll("img"));
        Assert.Contains(
            "<img src=x onerror=alert(1)>",
            timeline.Find(".timeline__detail").TextContent,
            StringComparison.Ordinal
        );
    }
}
