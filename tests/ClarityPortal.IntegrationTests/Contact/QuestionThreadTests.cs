using ClarityPortal.Data.Contact;
using ClarityPortal.Data.Identity;
using ClarityPortal.IntegrationTests.Patients;
using ClarityPortal.Web.Features.Contact;
using ClarityPortal.Web.Features.Patients;
using ClarityPortal.Web.Features.Patients.Matrix;
using ClarityPortal.Web.Features.Patients.Record;
using ClarityPortal.Web.Features.Progress;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClarityPortal.IntegrationTests.Contact;

/// <summary>
/// A patient's lesson question is a conversation with their care team: a reply reaches the patient (and only their
/// care team can send one), an open question shows on the matrix, the session board and the timeline until answered.
/// </summary>
public sealed class QuestionThreadTests : IAsyncLifetime
{
    private readonly CaseloadFactory factory = new();

    public Task InitializeAsync() => factory.SeedAsync();

    public async Task DisposeAsync() => await factory.DisposeAsync();

    private AsyncServiceScope As(ApplicationUser user, string role) => factory.ScopeAs(CaseloadFactory.As(user, role));

    /// <summary>Patient A asks about the first lesson; returns the request code and the lesson's id.</summary>
    private async Task<(string Code, int ModuleId)> AskAsync(string text)
    {
        var module = await factory.WithDbAsync(db =>
            db.Modules.Where(m => m.IsPublished)
                .OrderBy(m => m.Order)
                .Select(m => new
                {
                    m.Id,
                    m.Slug,
                    m.CurrentRevisionId,
                })
                .FirstAsync()
        );
        await using (var scope = As(factory.PatientOfA, PortalRoles.Patient))
        {
            var asked = await scope
                .ServiceProvider.GetRequiredService<ProgressService>()
                .AcknowledgeAsync(module.Slug, module.CurrentRevisionId!.Value, text);
            Assert.True(asked.Accepted, asked.Problem);
        }

        var code = await factory.WithDbAsync(db =>
            db.ContactRequests.Where(r => r.PatientId == factory.PatientOfA.Id)
                .OrderByDescending(r => r.Id)
                .Select(r => r.Code)
                .FirstAsync()
        );
        return (code, module.Id);
    }

    private async Task<IReadOnlyList<QuestionThread>> ThreadsOfAAsync()
    {
        await using var scope = As(factory.PatientOfA, PortalRoles.Patient);
        return await scope.ServiceProvider.GetRequiredService<QuestionThreads>().MineAsync();
    }

    [Fact]
    public async Task TheCareTeamRepliesAndThePatientReadsTheReplyAndCanWriteBack()
    {
        var (code, _) = await AskAsync("Can I drive home after a session?");
        Assert.Equal(QuestionState.WaitingForReply, Assert.Single(await ThreadsOfAAsync()).State);

        await using (var scope = As(factory.ClinicianA, PortalRoles.Clinician))
        {
            var inbox = scope.ServiceProvider.GetRequiredService<InboxService>();
            Assert.NotNull(await inbox.ReplyAsync(code, "   ", "https://clarity.test/")); // empty is refused
            Assert.Null(
                await inbox.ReplyAsync(code, "No: someone else drives you home that day.", "https://clarity.test/")
            );
        }

        var thread = Assert.Single(await ThreadsOfAAsync());
        Assert.Equal(QuestionState.Answered, thread.State);
        Assert.Equal(
            ["Can I drive home after a session?", "No: someone else drives you home that day."],
            thread.Messages.Select(m => m.Text)
        );
        Assert.True(thread.Messages[1].FromCareTeam);
        Assert.NotEqual("You", thread.Messages[1].From); // the replying staff member, by name

        // The email says only that a reply is waiting: no lesson, no question, no answer.
        var mail = await factory.WithDbAsync(db => db.Outbox.Where(m => m.To == "pa@example.org").SingleAsync());
        Assert.Equal("Your care team replied in Clarity Portal", mail.Subject);
        Assert.DoesNotContain("drive", mail.Body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("https://clarity.test/my#questions", mail.Body);

        await using (var scope = As(factory.PatientOfA, PortalRoles.Patient))
        {
            var threads = scope.ServiceProvider.GetRequiredService<QuestionThreads>();
            Assert.Null(await threads.FollowUpAsync(code, "Thanks. Can my partner drive?"));
        }

        var after = Assert.Single(await ThreadsOfAAsync());
        Assert.Equal(QuestionState.WaitingForReply, after.State);
        Assert.Equal(3, after.Messages.Count);
    }

    [Fact]
    public async Task OnlyThePatientsCareTeamCanReplyAndOnlyThePatientCanWriteBack()
    {
        var (code, _) = await AskAsync("Is nausea normal?");

        await using (var scope = As(factory.ClinicianB, PortalRoles.Clinician))
        {
            var refused = await scope
                .ServiceProvider.GetRequiredService<InboxService>()
                .ReplyAsync(code, "Hi", "https://x/");
            Assert.Equal("That request was not found.", refused);
        }

        await using (var scope = As(factory.PatientOfB, PortalRoles.Patient))
        {
            var threads = scope.ServiceProvider.GetRequiredService<QuestionThreads>();
            Assert.Empty(await threads.MineAsync());
            Assert.Equal("That question was not found.", await threads.FollowUpAsync(code, "Not mine"));
        }

        await using (var scope = As(factory.ClinicianA, PortalRoles.Clinician))
        {
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
                scope.ServiceProvider.GetRequiredService<QuestionThreads>().MineAsync()
            );
        }

        Assert.Equal(
            0,
            await factory.WithDbAsync(db =>
                db.ContactHistory.CountAsync(h =>
                    h.Kind == ContactEventKind.Reply || h.Kind == ContactEventKind.PatientMessage
                )
            )
        );
    }

    [Fact]
    public async Task AnOpenQuestionShowsOnTheMatrixTheSessionBoardAndTheTimelineUntilAnswered()
    {
        var (code, moduleId) = await AskAsync("What if I feel anxious during it?");
        await using (var scope = As(factory.ClinicianA, PortalRoles.Clinician))
        {
            await scope
                .ServiceProvider.GetRequiredService<PatientService>()
                .SetNextSessionAsync(factory.PatientOfA.Id, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(2)));
        }

        await using (var scope = As(factory.ClinicianA, PortalRoles.Clinician))
        {
            var matrix = scope.ServiceProvider.GetRequiredService<MatrixService>();
            var cell = (await matrix.BuildAsync(new MatrixFilter()))
                .Rows.Single()
                .Cells.Single(c => c.ModuleId == moduleId);
            var board = Assert.Single((await matrix.OverviewAsync()).ReadyForSession);
            var record = await scope
                .ServiceProvider.GetRequiredService<PatientRecordService>()
                .DetailAsync(factory.PatientOfA.Id);

            Assert.Equal(1, cell.OpenQuestions);
            Assert.Contains(
                board.NotCompleted,
                n => n.StartsWith("Question waiting for a reply", StringComparison.Ordinal)
            );
            Assert.Contains(record!.Timeline, e => e.Title.Contains("waiting for a reply", StringComparison.Ordinal));

            Assert.Null(
                await scope
                    .ServiceProvider.GetRequiredService<InboxService>()
                    .ReplyAsync(code, "That can happen; we stay with you.", "https://clarity.test/")
            );
            cell = (await matrix.BuildAsync(new MatrixFilter()))
                .Rows.Single()
                .Cells.Single(c => c.ModuleId == moduleId);
            Assert.Equal(0, cell.OpenQuestions);
        }
    }
}
