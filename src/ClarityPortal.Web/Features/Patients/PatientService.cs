using System.Security.Claims;
using System.Text.Json;
using ClarityPortal.Data;
using ClarityPortal.Data.Audit;
using ClarityPortal.Data.CareTeam;
using ClarityPortal.Data.Contact;
using ClarityPortal.Data.Identity;
using ClarityPortal.Data.Patients;
using ClarityPortal.Data.Progress;
using ClarityPortal.Web.Features.Audit;
using ClarityPortal.Web.Infrastructure;
using ClarityPortal.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;

namespace ClarityPortal.Web.Features.Patients;

public enum TimelineKind
{
    Joined,
    Assigned,
    Started,
    SectionRead,
    CheckAnswered,
    Acknowledged,
    Question,
}

/// <summary>One line of a patient's timeline. Text is the patient's or our content's, always rendered as plain text.</summary>
public sealed record TimelineEvent(DateTime At, TimelineKind Kind, string? Module, string Title, string? Detail = null, double? Seconds = null, bool Missed = false);

public sealed record SectionTime(string Title, double Seconds, DateTime? ReadAt);

public sealed record ModuleSummary(int ModuleId, string Title, string Slug, MatrixCell Cell, int SectionsRead, int Sections, double Seconds, IReadOnlyList<SectionTime> SectionTimes, DateTime? AssignedAt);

public sealed record CareTeamMember(string Id, string Name);

public sealed record PatientDetail(
    string Id, string Name, string Email, DateTime JoinedAt, DateOnly? NextSessionOn, IReadOnlyList<CareTeamMember> CareTeam,
    IReadOnlyList<ModuleSummary> Modules, IReadOnlyList<TimelineEvent> Timeline, DateOnly Today)
{
    /// <summary>Every second counted in any section; equal to the sum of the module totals.</summary>
    public double TotalSeconds => Modules.Sum(m => m.Seconds);
}

public sealed record ModuleChoice(int Id, string Title);

/// <summary>
/// One patient, for their care team and admins: timeline, assignments, next session and care team. Every method checks
/// the staff policy and that the patient is visible to the caller; an unknown or someone else's patient is "not found".
/// </summary>
public sealed class PatientService(
    IDbContextFactory<ClarityDbContext> dbFactory, AuthorizationGuard guard, AuditLog audit, ClinicCalendar calendar, MatrixService matrix)
{
    public const string NotFound = "That patient was not found in your caseload.";

    public async Task<PatientDetail?> DetailAsync(string patientId, bool forPrint = false, bool recordView = true, CancellationToken ct = default)
    {
        var user = await guard.RequireAsync(PortalPolicies.Staff);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var patient = await CareTeamAccess.VisiblePatients(db, user).AsNoTracking().FirstOrDefaultAsync(u => u.Id == patientId, ct);
        if (patient is null)
        {
            return null;
        }

        var careTeam = await db.CareTeamLinks.AsNoTracking().Where(l => l.PatientId == patientId).OrderBy(l => l.Clinician!.DisplayName)
            .Select(l => new CareTeamMember(l.ClinicianId, l.Clinician!.DisplayName)).ToListAsync(ct);
        var (columns, rows) = await matrix.ComputeAsync(user, null, ct, patientId);
        var cells = rows.Single().Cells;
        var assignments = await db.ModuleAssignments.AsNoTracking().Where(a => a.PatientId == patientId)
            .Select(a => new { a.ModuleId, a.AssignedAt, a.Module!.Title }).ToListAsync(ct);

        // Section titles come from the current revision; older keys keep their key as a title.
        var titles = await db.Sections.AsNoTracking().Where(s => s.Revision!.Module!.CurrentRevisionId == s.RevisionId)
            .Select(s => new { s.Revision!.ModuleId, s.Key, s.Title }).ToListAsync(ct);
        string SectionTitle(int module, string key) => titles.FirstOrDefault(t => t.ModuleId == module && t.Key == key)?.Title ?? key;

        var sections = await db.SectionProgress.AsNoTracking().Where(p => p.PatientId == patientId)
            .Select(p => new { p.ModuleId, p.SectionKey, p.ActiveSeconds, p.ReadAt, p.ReadMethod, Module = p.Module!.Title }).ToListAsync(ct);
        var started = await db.ModuleProgress.AsNoTracking().Where(p => p.PatientId == patientId)
            .Select(p => new { p.ModuleId, p.StartedAt, p.AcknowledgedAt, p.AcknowledgedAs, Module = p.Module!.Title }).ToListAsync(ct);
        var answers = await db.CheckAnswers.AsNoTracking().Where(a => a.PatientId == patientId)
            .Select(a => new { a.AnsweredAt, a.Option, a.Correct, a.Check!.Question, a.Check.OptionsJson, a.Check.Explanation, Module = a.Check.Section!.Revision!.Module!.Title })
            .ToListAsync(ct);
        var questions = await db.ContactRequests.AsNoTracking().Where(q => q.PatientId == patientId && q.Topic == ContactTopic.ModuleQuestion)
            .Select(q => new { q.SubmittedAt, q.Code, q.Message, q.Status, Module = q.Module != null ? q.Module.Title : null }).ToListAsync(ct);

        var modules = columns.Select(c =>
        {
            var own = sections.Where(s => s.ModuleId == c.ModuleId).OrderBy(s => s.ReadAt ?? DateTime.MaxValue).ToList();
            var cell = cells.First(x => x.ModuleId == c.ModuleId);
            return new ModuleSummary(c.ModuleId, c.Title, c.Slug, cell, own.Count(s => s.ReadAt is not null && titles.Any(t => t.ModuleId == c.ModuleId && t.Key == s.SectionKey)),
                titles.Count(t => t.ModuleId == c.ModuleId), own.Sum(s => s.ActiveSeconds),
                [.. own.Select(s => new SectionTime(SectionTitle(s.ModuleId, s.SectionKey), s.ActiveSeconds, s.ReadAt))],
                assignments.FirstOrDefault(a => a.ModuleId == c.ModuleId)?.AssignedAt);
        }).ToList();

        var timeline = new List<TimelineEvent> { new(patient.CreatedAt, TimelineKind.Joined, null, "Joined the portal") };
        timeline.AddRange(assignments.Select(a => new TimelineEvent(a.AssignedAt, TimelineKind.Assigned, a.Title, "Module assigned")));
        timeline.AddRange(started.Select(s => new TimelineEvent(s.StartedAt, TimelineKind.Started, s.Module, "Started the module")));
        timeline.AddRange(sections.Where(s => s.ReadAt is not null).Select(s => new TimelineEvent(s.ReadAt!.Value, TimelineKind.SectionRead, s.Module,
            $"Read “{SectionTitle(s.ModuleId, s.SectionKey)}”", s.ReadMethod == ReadMethod.Manual ? "Marked as read" : null, s.ActiveSeconds)));
        timeline.AddRange(answers.Select(a => new TimelineEvent(a.AnsweredAt, TimelineKind.CheckAnswered, a.Module,
            a.Correct ? $"Answered correctly: {a.Question}" : $"Missed: {a.Question}",
            a.Correct ? null : $"Chose “{Option(a.OptionsJson, a.Option)}”. Explanation shown: {a.Explanation}", Missed: !a.Correct)));
        timeline.AddRange(started.Where(s => s.AcknowledgedAt is not null).Select(s => new TimelineEvent(s.AcknowledgedAt!.Value, TimelineKind.Acknowledged, s.Module,
            s.AcknowledgedAs == "question" ? "Acknowledged with a question" : "Acknowledged: read and understood")));
        timeline.AddRange(questions.Select(q => new TimelineEvent(q.SubmittedAt, TimelineKind.Question, q.Module, $"Asked a question ({q.Code}, {q.Status})", q.Message)));

        if (recordView)
        {
            await audit.RecordAsync(user, forPrint ? AuditActions.PatientRecordPrinted : AuditActions.PatientViewed, patientId, forPrint ? "printable record" : "timeline", ct);
        }

        return new PatientDetail(patient.Id, patient.DisplayName, patient.Email ?? "", patient.CreatedAt, patient.NextSessionOn, careTeam, modules,
            [.. timeline.OrderByDescending(e => e.At)], calendar.Today);
    }

    public async Task<IReadOnlyList<ModuleChoice>> ModulesAsync(CancellationToken ct = default)
    {
        await guard.RequireAsync(PortalPolicies.Staff);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Modules.AsNoTracking().Where(m => m.IsPublished && m.CurrentRevisionId != null).OrderBy(m => m.Order)
            .Select(m => new ModuleChoice(m.Id, m.Title)).ToListAsync(ct);
    }

    /// <summary>Assigns one or several modules (a starter set) with an optional due day; assigning again changes the due day.</summary>
    public async Task<string?> AssignAsync(string patientId, IReadOnlyCollection<int> moduleIds, DateOnly? dueOn, CancellationToken ct = default)
    {
        var user = await guard.RequireAsync(PortalPolicies.Staff);
        if (moduleIds.Count == 0)
        {
            return "Choose at least one module.";
        }

        if (dueOn is { } due && (due < calendar.Today || due > calendar.Today.AddYears(1)))
        {
            return "Choose a due date between today and one year from now, or leave it empty.";
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await VisibleAsync(db, user, patientId, ct))
        {
            return NotFound;
        }

        var ids = moduleIds.Distinct().ToList();
        if (await db.Modules.CountAsync(m => ids.Contains(m.Id) && m.IsPublished, ct) != ids.Count)
        {
            return "One of the chosen modules is not available. Reload the page and try again.";
        }

        var existing = await db.ModuleAssignments.Where(a => a.PatientId == patientId && ids.Contains(a.ModuleId)).ToListAsync(ct);
        foreach (var id in ids)
        {
            if (existing.FirstOrDefault(a => a.ModuleId == id) is { } row)
            {
                row.DueOn = dueOn;
            }
            else
            {
                db.ModuleAssignments.Add(new ModuleAssignment { PatientId = patientId, ModuleId = id, AssignedById = PortalUser.Id(user)!, AssignedAt = calendar.UtcNow, DueOn = dueOn });
            }
        }

        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(user, AuditActions.ModuleAssigned, patientId, $"modules {string.Join(',', ids)}; due {dueOn?.ToString("yyyy-MM-dd") ?? "none"}", ct);
        return null;
    }

    public async Task<string?> UnassignAsync(string patientId, int moduleId, CancellationToken ct = default)
    {
        var user = await guard.RequireAsync(PortalPolicies.Staff);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await VisibleAsync(db, user, patientId, ct))
        {
            return NotFound;
        }

        await db.ModuleAssignments.Where(a => a.PatientId == patientId && a.ModuleId == moduleId).ExecuteDeleteAsync(ct);
        await audit.RecordAsync(user, AuditActions.ModuleUnassigned, patientId, $"module {moduleId}", ct);
        return null;
    }

    public async Task<string?> SetNextSessionAsync(string patientId, DateOnly? day, CancellationToken ct = default)
    {
        var user = await guard.RequireAsync(PortalPolicies.Staff);
        if (day is { } d && (d < calendar.Today || d > calendar.Today.AddYears(1)))
        {
            return "Choose a session day between today and one year from now, or clear it.";
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await VisibleAsync(db, user, patientId, ct))
        {
            return NotFound;
        }

        await db.Users.Where(u => u.Id == patientId).ExecuteUpdateAsync(s => s.SetProperty(u => u.NextSessionOn, day), ct);
        await audit.RecordAsync(user, AuditActions.NextSessionSet, patientId, day?.ToString("yyyy-MM-dd") ?? "cleared", ct);
        return null;
    }

    /// <summary>Active clinicians who could join a care team.</summary>
    public async Task<IReadOnlyList<CareTeamMember>> CliniciansAsync(CancellationToken ct = default)
    {
        await guard.RequireAsync(PortalPolicies.Staff);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var roleId = await db.Roles.Where(r => r.Name == PortalRoles.Clinician).Select(r => r.Id).FirstAsync(ct);
        return await db.Users.AsNoTracking().Where(u => u.Kind == UserKind.Staff && u.DeactivatedAt == null && db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == roleId))
            .OrderBy(u => u.DisplayName).Select(u => new CareTeamMember(u.Id, u.DisplayName)).ToListAsync(ct);
    }

    /// <summary>A care-team member or an admin adds a colleague; a patient always keeps at least one clinician.</summary>
    public async Task<string?> ChangeCareTeamAsync(string patientId, string clinicianId, bool add, CancellationToken ct = default)
    {
        var user = await guard.RequireAsync(PortalPolicies.Staff);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await VisibleAsync(db, user, patientId, ct))
        {
            return NotFound;
        }

        var links = await db.CareTeamLinks.Where(l => l.PatientId == patientId).ToListAsync(ct);
        if (add)
        {
            if (!(await CliniciansAsync(ct)).Any(c => c.Id == clinicianId))
            {
                return "Choose an active clinician.";
            }

            if (links.Any(l => l.ClinicianId == clinicianId))
            {
                return null;
            }

            db.CareTeamLinks.Add(new CareTeamLink { PatientId = patientId, ClinicianId = clinicianId, LinkedAt = calendar.UtcNow });
        }
        else
        {
            if (links.FirstOrDefault(l => l.ClinicianId == clinicianId) is not { } link)
            {
                return null;
            }

            if (links.Count == 1)
            {
                return "A patient keeps at least one clinician. Add the new clinician first.";
            }

            db.CareTeamLinks.Remove(link);
        }

        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(user, AuditActions.CareTeamChanged, patientId, $"{(add ? "added" : "removed")} {clinicianId}", ct);
        return null;
    }

    private static Task<bool> VisibleAsync(ClarityDbContext db, ClaimsPrincipal user, string patientId, CancellationToken ct) =>
        CareTeamAccess.VisiblePatients(db, user).AnyAsync(u => u.Id == patientId, ct);

    private static string Option(string json, int index)
    {
        var options = JsonSerializer.Deserialize<string[]>(json) ?? [];
        return index >= 0 && index < options.Length ? options[index] : $"option {index + 1}";
    }
}
