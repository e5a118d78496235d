using ClarityPortal.Data;
using ClarityPortal.Data.Audit;
using ClarityPortal.Data.Identity;
using ClarityPortal.Web.Infrastructure.Audit;
using ClarityPortal.Web.Infrastructure.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ClarityPortal.Web.Infrastructure.Identity;

/// <summary>
/// What the sign-in and change-password forms do around Identity's own checks: spend the same time on an unknown
/// email as on a known one, and tell the other admins when an admin account gets locked.
/// </summary>
public sealed class SignInChecks(
    IPasswordHasher<ApplicationUser> hasher,
    IDbContextFactory<ClarityDbContext> dbFactory,
    Outbox outbox,
    AuditLog audit
)
{
    private static readonly ApplicationUser Nobody = new() { Id = "nobody", UserName = "nobody" };

    // Made once per process: made per request (this class is scoped), it would cost a second hash and tell unknown
    // emails apart again.
    private static string? dummyHash;

    /// <summary>
    /// Hashes the password against a throw-away hash, so "no such account" takes as long as a wrong one.
    /// </summary>
    public void SpendTheTimeOfAPasswordCheck(string password)
    {
        var hash = dummyHash ??= hasher.HashPassword(Nobody, Guid.NewGuid().ToString("N"));
        hasher.VerifyHashedPassword(Nobody, hash, password);
    }

    /// <summary>
    /// Audits a lockout and, for an admin, mails every other active admin (the message names the account only). An
    /// attacker who locks out the only admin is then noticed by the others.
    /// </summary>
    public async Task LockedOutAsync(ApplicationUser user, string how, CancellationToken ct = default)
    {
        await audit.RecordAsync(
            user.Id,
            user.Email ?? user.Id,
            AuditActions.SignInLockedOut,
            user.Email ?? user.Id,
            how,
            ct
        );
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var adminRole = await db
            .Roles.Where(r => r.Name == PortalRoles.Admin)
            .Select(r => r.Id)
            .FirstOrDefaultAsync(ct);
        if (adminRole is null || !await db.UserRoles.AnyAsync(r => r.UserId == user.Id && r.RoleId == adminRole, ct))
        {
            return;
        }

        var others = await db
            .Users.Where(u =>
                u.Id != user.Id
                && u.DeactivatedAt == null
                && u.Email != null
                && db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == adminRole)
            )
            .Select(u => u.Email!)
            .ToListAsync(ct);
        foreach (var email in others)
        {
            outbox.Enqueue(
                db,
                email,
                "An admin account was locked in Clarity Portal",
                $"The admin account {user.Email} was locked for 15 minutes after repeated wrong passwords ({how}).\n\n"
                    + "If that was not them, someone may be trying to get in: check the audit log in Clarity Portal "
                    + "and talk with them."
            );
        }

        await db.SaveChangesAsync(ct);
        outbox.Kick();
    }
}
