using ClarityPortal.Data;
using ClarityPortal.Data.Contact;
using ClarityPortal.Web.Infrastructure.Identity;
using ClarityPortal.Web.Infrastructure.RateLimits;
using Microsoft.EntityFrameworkCore;

namespace ClarityPortal.Web.Features.Contact;

/// <summary>Where a patient's question stands, in the words the patient reads.</summary>
public enum QuestionState
{
    WaitingForReply,
    Answered,
    Closed,
}

/// <summary>One message in a question: the patient's, or a reply from the care team (internal notes never).</summary>
public sealed record ThreadMessage(DateTime At, string From, bool FromCareTeam, string Text);

public sealed record QuestionThread(
    string Code,
    string ModuleTitle,
    DateTime AskedAt,
    QuestionState State,
    IReadOnlyList<ThreadMessage> Messages
);

/// <summary>
/// A signed-in patient's own lesson questions as conversations: their question, the care team's replies, their
/// follow-ups. Only the patient's own questions, checked in every method; staff notes, assignment and status history
/// stay internal.
/// </summary>
public sealed class QuestionThreads(
    IDbContextFactory<ClarityDbContext> dbFactory,
    AuthorizationGuard guard,
    UserLimits limits,
    CareTeamAlerts alerts,
    TimeProvider clock
)
{
    public const string ClosedProblem = "This question is closed. You can ask a new one at the end of any lesson.";

    public async Task<IReadOnlyList<QuestionThread>> MineAsync(CancellationToken ct = default)
    {
        var patient = PortalUser.Id(await guard.RequireAsync(PortalPolicies.Patient))!;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var requests = await db
            .ContactRequests.AsNoTracking()
            .Where(q => q.PatientId == patient && q.Topic == ContactTopic.ModuleQuestion)
            .OrderByDescending(q => q.SubmittedAt)
            .Select(q => new
            {
                q.Code,
                Title = q.Module!.Title,
                q.SubmittedAt,
                q.Status,
                q.AwaitingReply,
                q.Message,
                Said = q
                    .History.Where(h => h.Kind == ContactEventKind.Reply || h.Kind == ContactEventKind.PatientMessage)
                    .OrderBy(h => h.At)
                    .ThenBy(h => h.Id)
                    .Select(h => new
                    {
                        h.At,
                        h.Actor,
                        h.Kind,
                        h.Text,
                    })
                    .ToList(),
            })
            .ToListAsync(ct);
        return
        [
            .. requests.Select(q => new QuestionThread(
                q.Code,
                q.Title,
                q.SubmittedAt,
                State(q.Status, q.AwaitingReply),
                [
                    new ThreadMessage(q.SubmittedAt, "You", false, q.Message),
                    .. q.Said.Select(h => new ThreadMessage(
                        h.At,
                        h.Kind == ContactEventKind.Reply ? h.Actor : "You",
                        h.Kind == ContactEventKind.Reply,
                        h.Text ?? ""
                    )),
                ]
            )),
        ];
    }

    /// <summary>The patient adds to their own open question; it then waits for a reply again.</summary>
    public async Task<string?> FollowUpAsync(string code, string text, CancellationToken ct = default)
    {
        var user = await guard.RequireAsync(PortalPolicies.Patient);
        var patient = PortalUser.Id(user)!;
        if (ModuleQuestions.Problem(text) is { } problem)
        {
            return problem;
        }

        if (!await limits.TryAcquireAsync(ContactSetup.Questions, patient))
        {
            return ModuleQuestions.TooManyText;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var request = ContactRules.IsCode(code)
            ? await db.ContactRequests.FirstOrDefaultAsync(
                q => q.Code == code && q.PatientId == patient && q.Topic == ContactTopic.ModuleQuestion,
                ct
            )
            : null;
        if (request is null)
        {
            return "That question was not found.";
        }

        if (request.Status is ContactStatus.Closed or ContactStatus.Spam)
        {
            return ClosedProblem;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        request.AwaitingReply = true;
        db.ContactHistory.Add(
            new ContactHistory
            {
                RequestId = request.Id,
                At = now,
                ActorId = patient,
                Actor = PortalUser.DisplayName(user),
                Kind = ContactEventKind.PatientMessage,
                Text = text.Trim(),
            }
        );
        await alerts.ForPatientAsync(db, patient, request.Code, ct);
        await db.SaveChangesAsync(ct);
        return null;
    }

    public static QuestionState State(ContactStatus status, bool awaitingReply) =>
        status is ContactStatus.Closed or ContactStatus.Spam ? QuestionState.Closed
        : awaitingReply ? QuestionState.WaitingForReply
        : QuestionState.Answered;

    public static string Label(QuestionState state) =>
        state switch
        {
            QuestionState.WaitingForReply => "Waiting for a reply",
            QuestionState.Answered => "Answered",
            _ => "Closed",
        };
}
