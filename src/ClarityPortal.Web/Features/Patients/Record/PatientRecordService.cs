using System.Security.Claims;
using System.Text.Json;
using ClarityPortal.Data;
using ClarityPortal.Data.Audit;
using ClarityPortal.Data.Contact;
using ClarityPortal.Data.Progress;
using ClarityPortal.Data.Reminders;
using ClarityPortal.Web.Features.Contact;
using ClarityPortal.Web.Features.Patients.Matrix;
using ClarityPortal.Web.Features.Progress;
using ClarityPortal.Web.Infrastructure;
using ClarityPortal.Web.Infrastructure.Audit;
using ClarityPortal.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;

namespace ClarityPortal.Web.Features.Patients.Record;

/// <summary>
/// One patient's education record for their care team and admins: the timeline, module times and what each cell says.
/// Checks the staff policy and that the patient is visible to the caller; every view is audited.
/// </summary>
public sealed class PatientRecordService(
    IDbContextFactory<ClarityDbContext> dbFactory,
    AuthorizationGuard guard,
    AuditLog audit,
    ClinicCalendar calendar
)
{
    /// <summary>
    /// Whether the caller may open this patient at all, for the page's first (prerendered) answer: someone else's
    /// patient is a 404 with a refusal audited, before any circuit starts. Reads nothing else.
    /// </summary>
    public async Task<bool> MayOpenAsync(string patientId, CancellationToken ct = default)
    {
        var user = await guard.RequireAsync(PortalPolicies.Staff);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await CareTeamAccess.VisiblePatients(db, user).AnyAsync(u => u.Id == patientId, ct))
        {
            return true;
        }

        await RefuseAsync(user, patientId, "timeline", ct);
        return false;
    }

    /// <summary>Records a staff member's refused attempt on a patient outside their caseload.</summary>
    private Task RefuseAsync(ClaimsPrincipal user, string patientId, string attempt, CancellationToken ct) =>
        audit.RecordAsync(user, AuditActions.PatientAccessRefused, PatientService.Subject(patientId), attempt, ct);

    public async Task<PatientDetail?> DetailAsync(
        string patientId,
        bool forPrint = false,
        bool recordView = true,
        CancellationToken ct = default
    )
    {
        var user = await guard.RequireAsync(PortalPolicies.Staff);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var patient = await CareTeamAccess
            .VisiblePatients(db, user)
            .AsNoTracking()
            .FirstOrDefaultAsync(u => u.Id == patientId, ct);
        if (patient is null)
        {
            if (!recordView)
            {
                return null; // a reload after the caller's own change (e.g. leaving the care team), not an attempt
            }

            await RefuseAsync(user, patientId, forPrint ? "printable record" : "timeline", ct);
            return null;
        }

        var careTeam = await db
            .CareTeamLinks.AsNoTracking()
            .Where(l => l.PatientId == patientId)
            .OrderBy(l => l.Clinician!.DisplayName)
            .Select(l => new CareTeamMember(l.ClinicianId, l.Clinician!.DisplayName))
            .ToListAsync(ct);
        var snapshot = await ProgressFacts.ForPatientAsync(db, patientId, ct: ct);
        var assignments = await db
            .ModuleAssignments.AsNoTracking()
            .Where(a => a.PatientId == patientId)
            .Select(a => new
            {
                a.ModuleId,
                a.AssignedAt,
                a.DueOn,
                a.Module!.Title,
            })
            .ToListAsync(ct);

        // Section titles come from the current revision; older keys keep their key as a title.
        var titles = await db
            .Sections.AsNoTracking()
            .Where(s => s.Revision!.Module!.CurrentRevisionId == s.RevisionId)
            .Select(s => new
            {
                s.Revision!.ModuleId,
                s.Key,
                s.Title,
            })
            .ToListAsync(ct);
        string SectionTitle(int module, string key) =>
            titles.FirstOrDefault(t => t.ModuleId == module && t.Key == key)?.Title ?? key;

        var sections = await db
            .SectionProgress.AsNoTracking()
            .Where(p => p.PatientId == patientId)
            .Select(p => new
            {
                p.ModuleId,
                p.SectionKey,
                p.ActiveSeconds,
                p.ReadAt,
                p.ReadMethod,
                Module = p.Module!.Title,
            })
            .ToListAsync(ct);
        var started = await db
            .ModuleProgress.AsNoTracking()
            .Where(p => p.PatientId == patientId)
            .Select(p => new
            {
                p.ModuleId,
                p.StartedAt,
                p.AcknowledgedAt,
                p.AcknowledgedAs,
                Module = p.Module!.Title,
            })
            .ToListAsync(ct);
        var answers = await db
            .CheckAnswers.AsNoTracking()
            .Where(a => a.PatientId == patientId)
            .Select(a => new
            {
                a.AnsweredAt,
                a.Option,
                a.Correct,
                a.Check!.Question,
                a.Check.OptionsJson,
                a.Check.Explanation,
                Module = a.Check.Section!.Revision!.Module!.Title,
            })
            .ToListAsync(ct);
        var questions = await db
            .ContactRequests.AsNoTracking()
            .Where(q => q.PatientId == patientId && q.Topic == ContactTopic.ModuleQuestion)
            .Select(q => new
            {
                q.SubmittedAt,
                q.Code,
                q.Message,
                q.Status,
                q.AwaitingReply,
                Module = q.Module != null ? q.Module.Title : null,
                Replies = q
                    .History.Where(h => h.Kind == ContactEventKind.Reply || h.Kind == ContactEventKind.PatientMessage)
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

        var today = calendar.Today;
        var modules = snapshot
            .Modules.Select(m =>
            {
                var own = sections.Where(s => s.ModuleId == m.Id).OrderBy(s => s.ReadAt ?? DateTime.MaxValue).ToList();
                var assignment = assignments.FirstOrDefault(a => a.ModuleId == m.Id);
                var facts = snapshot.For(m.Id, patientId);
                var status = MatrixRules.Cell(
                    assignment is not null,
                    assignment?.DueOn,
                    today,
                    facts?.Status ?? ModuleStatus.NotStarted
                );
                var cell = new MatrixCell(m.Id, status, facts?.Percent ?? 0, assignment?.DueOn, assignment is not null);
                return new ModuleSummary(
                    m.Id,
                    m.Title,
                    m.Slug,
                    cell,
                    facts?.SectionsRead ?? 0,
                    m.Sections,
                    own.Sum(s => s.ActiveSeconds),
                    [
                        .. own.Select(s => new SectionTime(
                            SectionTitle(s.ModuleId, s.SectionKey),
                            s.ActiveSeconds,
                            s.ReadAt
                        )),
                    ],
                    assignment?.AssignedAt
                );
            })
            .ToList();

        var timeline = new List<TimelineEvent>
        {
            new(patient.CreatedAt, TimelineKind.Joined, null, "Joined the portal"),
        };
        timeline.AddRange(
            assignments.Select(a => new TimelineEvent(a.AssignedAt, TimelineKind.Assigned, a.Title, "Module assigned"))
        );
        timeline.AddRange(
            started.Select(s => new TimelineEvent(s.StartedAt, TimelineKind.Started, s.Module, "Started the module"))
        );
        timeline.AddRange(
            sections
                .Where(s => s.ReadAt is not null)
                .Select(s => new TimelineEvent(
                    s.ReadAt!.Value,
                    TimelineKind.SectionRead,
                    s.Module,
                    $"Read “{SectionTitle(s.ModuleId, s.SectionKey)}”",
                    s.ReadMethod == ReadMethod.Manual ? "Marked as read" : null,
                    s.ActiveSeconds
                ))
        );
        timeline.AddRange(
            answers.Select(a => new TimelineEvent(
                a.AnsweredAt,
                TimelineKind.CheckAnswered,
                a.Module,
                a.Correct ? $"Answered correctly: {a.Question}" : $"Missed: {a.Question}",
                a.Correct ? null : $"Chose “{Option(a.OptionsJson, a.Option)}”. Explanation shown: {a.Explanation}",
                Missed: !a.Correct
            ))
        );
        timeline.AddRange(
            started
                .Where(s => s.AcknowledgedAt is not null)
                .Select(s => new TimelineEvent(
                    s.AcknowledgedAt!.Value,
                    TimelineKind.Acknowledged,
                    s.Module,
                    s.AcknowledgedAs == Acknowledgement.Question
                        ? "Acknowledged with a question"
                        : "Acknowledged: read and understood"
                ))
        );
        timeline.AddRange(
            questions.Select(q => new TimelineEvent(
                q.SubmittedAt,
                TimelineKind.Question,
                q.Module,
                $"Asked a question ({q.Code}, "
                    + (
                        q.AwaitingReply && q.Status is not (ContactStatus.Closed or ContactStatus.Spam)
                            ? "waiting for a reply)"
                            : $"{ContactRules.Label(q.Status)})"
                    ),
                q.Message
            ))
        );
        timeline.AddRange(
            questions.SelectMany(q =>
                q.Replies.Select(h => new TimelineEvent(
                    h.At,
                    TimelineKind.Question,
                    q.Module,
                    h.Kind == ContactEventKind.Reply
                        ? $"{h.Actor} replied ({q.Code})"
                        : $"Wrote back about the question ({q.Code})",
                    h.Text
                ))
            )
        );

        // Reminder emails given (one row per module reminded of; the mail itself names none).
        var reminders = await db
            .RemindersSent.AsNoTracking()
            .Where(r => r.PatientId == patientId)
            .Select(r => new
            {
                r.SentAt,
                r.Kind,
                Module = db.Modules.Where(m => m.Id == r.ModuleId).Select(m => m.Title).FirstOrDefault(),
            })
            .ToListAsync(ct);
        timeline.AddRange(
            reminders.Select(r => new TimelineEvent(
                r.SentAt,
                TimelineKind.Reminder,
                r.Module,
                r.Kind switch
                {
                    ReminderKind.DueSoon => "Reminder email: due soon",
                    ReminderKind.Overdue => "Reminder email: past its due date",
                    _ => "Reminder email: weekly note, learning past its due date",
                }
            ))
        );

        if (recordView)
        {
            await audit.RecordAsync(
                user,
                forPrint ? AuditActions.PatientRecordPrinted : AuditActions.PatientViewed,
                patientId,
                forPrint ? "printable record" : "timeline",
                ct
            );
        }

        return new PatientDetail(
            patient.Id,
            patient.DisplayName,
            patient.Email ?? "",
            patient.CreatedAt,
            patient.NextSessionOn,
            careTeam,
            modules,
            [.. timeline.OrderByDescending(e => e.At)],
            calendar.Today,
            patient.RemindersOff,
            patient.RemindersPausedByCareTeam
        );
    }

    private static string Option(string json, int index)
    {
        var options = JsonSerializer.Deserialize<string[]>(json) ?? [];
        return index >= 0 && index < options.Length ? options[index] : $"option {index + 1}";
    }
}
