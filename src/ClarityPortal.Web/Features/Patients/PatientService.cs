using System.Security.Claims;
using ClarityPortal.Data;
using ClarityPortal.Data.Audit;
using ClarityPortal.Data.Identity;
using ClarityPortal.Web.Infrastructure;
using ClarityPortal.Web.Infrastructure.Audit;
using ClarityPortal.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;

namespace ClarityPortal.Web.Features.Patients;

/// <summary>
/// One patient's care, for their care team and admins: assignments, next session and care team. Every method checks
/// the staff policy and that the patient is visible to the caller; an unknown or someone else's patient is "not found".
/// </summary>
public sealed class PatientService(
    IDbContextFactory<ClarityDbContext> dbFactory,
    AuthorizationGuard guard,
    AuditLog audit,
    ClinicCalendar calendar
)
{
    public const string NotFound = "That patient was not found in your caseload.";

    public async Task<IReadOnlyList<ModuleChoice>> ModulesAsync(CancellationToken ct = default)
    {
        await guard.RequireAsync(PortalPolicies.Staff);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db
            .Modules.AsNoTracking()
            .Where(m => m.IsPublished && m.CurrentRevisionId != null)
            .OrderBy(m => m.Order)
            .Select(m => new ModuleChoice(m.Id, m.Title))
            .ToListAsync(ct);
    }

    /// <summary>
    /// Assigns one or several modules (a starter set) with an optional due day; assigning again changes the due day.
    /// </summary>
    public async Task<string?> AssignAsync(
        string patientId,
        IReadOnlyCollection<int> moduleIds,
        DateOnly? dueOn,
        CancellationToken ct = default
    )
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

        var existing = await db
            .ModuleAssignments.Where(a => a.PatientId == patientId && ids.Contains(a.ModuleId))
            .ToListAsync(ct);
        foreach (var id in ids)
        {
            if (existing.FirstOrDefault(a => a.ModuleId == id) is { } row)
            {
                row.DueOn = dueOn;
            }
            else
            {
                PatientLinks.Assign(db, patientId, id, PortalUser.Id(user)!, calendar.UtcNow, dueOn);
            }
        }

        await using var change = await audit.BeginAsync(db, ct);
        await PatientLinks.SaveAssignmentsAsync(db, patientId, ct);
        change.Record(
            user,
            AuditActions.ModuleAssigned,
            patientId,
            $"modules {string.Join(',', ids)}; due {dueOn?.ToString("yyyy-MM-dd") ?? "none"}"
        );
        await change.CommitAsync(ct);
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

        await using var change = await audit.BeginAsync(db, ct);
        await db
            .ModuleAssignments.Where(a => a.PatientId == patientId && a.ModuleId == moduleId)
            .ExecuteDeleteAsync(ct);
        await PatientLinks.SaveAssignmentsAsync(db, patientId, ct);
        change.Record(user, AuditActions.ModuleUnassigned, patientId, $"module {moduleId}");
        await change.CommitAsync(ct);
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

        await using var change = await audit.BeginAsync(db, ct);
        await db
            .Users.Where(u => u.Id == patientId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.NextSessionOn, day), ct);
        change.Record(user, AuditActions.NextSessionSet, patientId, day?.ToString("yyyy-MM-dd") ?? "cleared");
        await change.CommitAsync(ct);
        return null;
    }

    /// <summary>
    /// The care team pauses (or resumes) reminder emails for one patient, e.g. during a break in treatment. The
    /// patient's own choice stays theirs.
    /// </summary>
    public async Task<string?> SetRemindersPausedAsync(string patientId, bool paused, CancellationToken ct = default)
    {
        var user = await guard.RequireAsync(PortalPolicies.Staff);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await VisibleAsync(db, user, patientId, ct))
        {
            return NotFound;
        }

        await using var change = await audit.BeginAsync(db, ct);
        await db
            .Users.Where(u => u.Id == patientId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.RemindersPausedByCareTeam, paused), ct);
        change.Record(user, AuditActions.RemindersPaused, patientId, paused ? "paused" : "resumed");
        await change.CommitAsync(ct);
        return null;
    }

    /// <summary>Active clinicians who could join a care team.</summary>
    public async Task<IReadOnlyList<CareTeamMember>> CliniciansAsync(CancellationToken ct = default)
    {
        await guard.RequireAsync(PortalPolicies.Staff);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var roleId = await db.Roles.Where(r => r.Name == PortalRoles.Clinician).Select(r => r.Id).FirstAsync(ct);
        return await db
            .Users.AsNoTracking()
            .Where(u =>
                u.Kind == UserKind.Staff
                && u.DeactivatedAt == null
                && db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == roleId)
            )
            .OrderBy(u => u.DisplayName)
            .Select(u => new CareTeamMember(u.Id, u.DisplayName))
            .ToListAsync(ct);
    }

    /// <summary>
    /// A care-team member or an admin adds a colleague; a patient always keeps at least one clinician.
    /// </summary>
    public async Task<string?> ChangeCareTeamAsync(
        string patientId,
        string clinicianId,
        bool add,
        CancellationToken ct = default
    )
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

            PatientLinks.AddClinician(db, patientId, clinicianId, calendar.UtcNow);
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

        await using var change = await audit.BeginAsync(db, ct);
        change.Record(user, AuditActions.CareTeamChanged, patientId, $"{(add ? "added" : "removed")} {clinicianId}");
        await change.CommitAsync(ct);
        return null;
    }

    /// <summary>Whether the caller may see the patient; a refusal (unknown or someone else's) is audited.</summary>
    private async Task<bool> VisibleAsync(
        ClarityDbContext db,
        ClaimsPrincipal user,
        string patientId,
        CancellationToken ct,
        [System.Runtime.CompilerServices.CallerMemberName] string attempt = ""
    )
    {
        if (await CareTeamAccess.VisiblePatients(db, user).AnyAsync(u => u.Id == patientId, ct))
        {
            return true;
        }

        await audit.RecordAsync(user, AuditActions.PatientAccessRefused, Subject(patientId), attempt, ct);
        return false;
    }

    /// <summary>What was asked for, cut to a sane length (the id comes from the circuit and may be anything).</summary>
    internal static string Subject(string? patientId) =>
        patientId is null ? "(none)"
        : patientId.Length <= 64 ? patientId
        : patientId[..64] + "…";
}
