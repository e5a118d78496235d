using ClarityPortal.Data;
using ClarityPortal.Data.Audit;
using ClarityPortal.Data.Identity;
using ClarityPortal.Web.Features.Patients;
using ClarityPortal.Web.Infrastructure;
using ClarityPortal.Web.Infrastructure.Audit;
using ClarityPortal.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ClarityPortal.Web.Features.Admin;

/// <summary>
/// Admins manage staff: roles and deactivation. Staff are never deleted (their names stay on audit rows and notes);
/// the last active admin can neither lose the role nor be deactivated. Each change uses its own Identity scope so a
/// long-lived circuit never works from stale users.
/// </summary>
public sealed class StaffService(
    IDbContextFactory<ClarityDbContext> dbFactory,
    IdentityScope identity,
    AuthorizationGuard guard,
    AuditLog audit,
    ClinicCalendar calendar,
    SessionStore sessions
)
{
    public const string LastAdmin = "The portal needs at least one active admin. Make someone else an admin first.";
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public async Task<IReadOnlyList<StaffRow>> ListAsync(CancellationToken ct = default)
    {
        var me = PortalUser.Id(await guard.RequireAsync(PortalPolicies.Admin));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var roles = await db
            .Roles.Where(r => r.Name == PortalRoles.Clinician || r.Name == PortalRoles.Admin)
            .ToDictionaryAsync(r => r.Name!, r => r.Id, ct);
        var clinicianRole = roles[PortalRoles.Clinician];
        var adminRole = roles[PortalRoles.Admin];
        return await db
            .Users.AsNoTracking()
            .Where(u => u.Kind == UserKind.Staff)
            .OrderBy(u => u.DeactivatedAt != null)
            .ThenBy(u => u.DisplayName)
            .Select(u => new StaffRow(
                u.Id,
                u.DisplayName,
                u.Email ?? "",
                db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == clinicianRole),
                db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == adminRole),
                u.EntraObjectId != null,
                u.CreatedAt,
                u.DeactivatedAt,
                u.Id == me,
                db.CareTeamLinks.Count(l => l.ClinicianId == u.Id),
                u.TwoFactorEnabled
            ))
            .ToListAsync(ct);
    }

    public async Task<string?> SetRolesAsync(string userId, bool clinician, bool admin, CancellationToken ct = default)
    {
        var actor = await guard.RequireAsync(PortalPolicies.Admin);
        if (!clinician && !admin)
        {
            return "A staff member needs at least one role. To remove someone's access, deactivate them.";
        }

        return await WithUserAsync(
            userId,
            async (users, change, user) =>
            {
                if (user.EntraObjectId is not null)
                {
                    return "This person signs in with Microsoft Entra ID; change their app roles there.";
                }

                var isAdmin = await users.IsInRoleAsync(user, PortalRoles.Admin);
                if (isAdmin && !admin && await ActiveAdminsAsync(ct) <= 1)
                {
                    return LastAdmin;
                }

                await users.SetRoleAsync(user, PortalRoles.Clinician, clinician, "Changing roles");
                await users.SetRoleAsync(user, PortalRoles.Admin, admin, "Changing roles");
                change.Record(
                    actor,
                    AuditActions.StaffRolesChanged,
                    user.Email ?? userId,
                    $"clinician={clinician} admin={admin}"
                );
                return null;
            }
        );
    }

    /// <summary>
    /// Blocks sign-in and ends sessions: lockout, a new security stamp, and circuits re-checked every minute.
    /// </summary>
    public async Task<string?> SetActiveAsync(string userId, bool active, CancellationToken ct = default)
    {
        var actor = await guard.RequireAsync(PortalPolicies.Admin);
        return await WithUserAsync(
            userId,
            async (users, change, user) =>
            {
                if (!active)
                {
                    if (user.Id == PortalUser.Id(actor))
                    {
                        return "You cannot deactivate your own account.";
                    }

                    if (
                        await users.IsInRoleAsync(user, PortalRoles.Admin)
                        && user.DeactivatedAt is null
                        && await ActiveAdminsAsync(ct) <= 1
                    )
                    {
                        return LastAdmin;
                    }

                    user.DeactivatedAt = calendar.UtcNow;
                    user.LockoutEnabled = true;
                    user.LockoutEnd = DateTimeOffset.MaxValue;
                }
                else
                {
                    user.DeactivatedAt = null;
                    user.LockoutEnd = null;
                    user.AccessFailedCount = 0;
                }

                (await users.UpdateAsync(user)).ThrowIfFailed("Saving the staff member");
                (await users.UpdateSecurityStampAsync(user)).ThrowIfFailed("Ending their sessions");
                if (!active)
                {
                    await sessions.RevokeAllAsync(change.Db, user.Id, ct: ct);
                }

                change.Record(
                    actor,
                    active ? AuditActions.StaffReactivated : AuditActions.StaffDeactivated,
                    user.Email ?? userId
                );
                return null;
            }
        );
    }

    /// <summary>
    /// For a colleague who lost their phone and recovery codes: two-factor off, old key and codes void, every session
    /// ended. Where two-factor is required they set it up again at their next sign-in.
    /// </summary>
    public async Task<string?> ResetTwoFactorAsync(string userId, CancellationToken ct = default)
    {
        var actor = await guard.RequireAsync(PortalPolicies.Admin);
        return await WithUserAsync(
            userId,
            async (users, change, user) =>
            {
                if (user.Id == PortalUser.Id(actor))
                {
                    return "Change your own two-factor sign-in from My account.";
                }

                if (!user.TwoFactorEnabled)
                {
                    return "Two-factor sign-in is not on for this person.";
                }

                await TwoFactorAccount.ClearAsync(users, user);
                await sessions.RevokeAllAsync(change.Db, user.Id, ct: ct);
                change.Record(actor, AuditActions.TwoFactorResetByAdmin, user.Email ?? userId);
                return null;
            }
        );
    }

    /// <summary>
    /// Adds <paramref name="toId"/> (an active clinician) to the care team of every patient of <paramref
    /// name="fromId"/>,
    /// for a clinician who leaves or goes on leave. The earlier links stay, as history; a deactivated clinician sees
    /// nothing.
    /// </summary>
    public async Task<(string? Problem, int Patients)> HandOverAsync(
        string fromId,
        string toId,
        CancellationToken ct = default
    )
    {
        var actor = await guard.RequireAsync(PortalPolicies.Admin);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var clinicianRole = await db.Roles.Where(r => r.Name == PortalRoles.Clinician).Select(r => r.Id).FirstAsync(ct);
        if (
            fromId == toId
            || !await db.Users.AnyAsync(
                u =>
                    u.Id == toId
                    && u.Kind == UserKind.Staff
                    && u.DeactivatedAt == null
                    && db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == clinicianRole),
                ct
            )
        )
        {
            return ("Choose another, active clinician to take over.", 0);
        }

        var patients = await db
            .CareTeamLinks.Where(l =>
                l.ClinicianId == fromId
                && !db.CareTeamLinks.Any(o => o.PatientId == l.PatientId && o.ClinicianId == toId)
            )
            .Select(l => l.PatientId)
            .ToListAsync(ct);
        var now = calendar.UtcNow;
        patients.ForEach(p => PatientLinks.AddClinician(db, p, toId, now));
        await using var change = await audit.BeginAsync(db, ct);
        change.Record(
            actor,
            AuditActions.CareTeamChanged,
            $"{patients.Count} patients",
            $"handed over from {fromId} to {toId}; patients {string.Join(',', patients)}"
        );
        await change.CommitAsync(ct);
        return (null, patients.Count);
    }

    private async Task<string?> WithUserAsync(
        string userId,
        Func<UserManager<ApplicationUser>, AuditedChange, ApplicationUser, Task<string?>> work
    )
    {
        await Gate.WaitAsync();
        try
        {
            return await identity.RunAuditedAsync(
                async (users, change) =>
                    await users.FindByIdAsync(userId) is { Kind: UserKind.Staff } user
                        ? await work(users, change, user)
                        : "That staff member was not found."
            );
        }
        finally
        {
            Gate.Release();
        }
    }

    private async Task<int> ActiveAdminsAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var adminRole = await db.Roles.Where(r => r.Name == PortalRoles.Admin).Select(r => r.Id).FirstAsync(ct);
        return await db.Users.CountAsync(
            u => u.DeactivatedAt == null && db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == adminRole),
            ct
        );
    }
}
