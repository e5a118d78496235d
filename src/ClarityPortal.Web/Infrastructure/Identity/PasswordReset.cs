using ClarityPortal.Data;
using ClarityPortal.Data.Audit;
using ClarityPortal.Data.Identity;
using ClarityPortal.Web.Infrastructure.Audit;
using ClarityPortal.Web.Infrastructure.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClarityPortal.Web.Infrastructure.Identity;

/// <summary>Whether a reset link may still be used, or why not.</summary>
public enum ResetLinkState
{
    Valid,
    Unknown,
    Expired,
    Used,
}

/// <summary>
/// The outcome of choosing a new password: done, or the problems to show (the link then still works).
/// </summary>
public sealed record ResetResult(bool Ok, IReadOnlyList<string> Problems, ResetLinkState State);

/// <summary>
/// "Forgot your password?" for every local account. The answer is the same whether or not the email has an account;
/// the link (only its hash is stored) works once, for an hour; choosing a new password ends the user's other sessions
/// (a new security stamp) and lifts a lockout. Requests and resets are audited.
/// </summary>
public sealed class PasswordReset(
    IDbContextFactory<ClarityDbContext> dbFactory,
    UserManager<ApplicationUser> users,
    ClarityDbContext identityDb,
    Outbox outbox,
    AuditLog audit,
    ClinicCalendar calendar,
    IOptions<PortalLinkOptions> links,
    SessionStore sessions
)
{
    public const string ForgotPath = "/account/forgot-password";
    public const string ResetPath = "/account/reset-password";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    /// <summary>What the page says after any request, so it never tells who has an account.</summary>
    public const string Sent =
        "If an account uses that email, we have sent it a link to choose a new password. The link works once, for "
        + "1 hour. Check your spam folder if it does not arrive in a few minutes.";

    /// <summary>Sends a link when the email belongs to an active account with a local password; else nothing.</summary>
    public async Task RequestAsync(string email, string requestBase, CancellationToken ct = default)
    {
        email = email.Trim();
        var user = await users.FindByEmailAsync(email);
        var why = user switch
        {
            null => "unknown account",
            { DeactivatedAt: not null } => "deactivated account",
            { EntraObjectId: not null } => "signs in with Microsoft Entra ID",
            _ when !await users.HasPasswordAsync(user) => "no local password",
            _ => null,
        };
        if (why is not null)
        {
            await audit.RecordAsync(
                user?.Id,
                email,
                AuditActions.PasswordResetRequested,
                email,
                $"not sent: {why}",
                ct
            );
            return;
        }

        var now = calendar.UtcNow;
        var (token, hash) = SecureTokens.Create();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var change = await audit.BeginAsync(db, ct);

        // Only the newest link works.
        await db
            .PasswordResetTokens.Where(t => t.UserId == user!.Id && t.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), ct);
        db.PasswordResetTokens.Add(
            new PasswordResetToken
            {
                UserId = user!.Id,
                TokenHash = hash,
                CreatedAt = now,
                ExpiresAt = now + Lifetime,
            }
        );
        var link = $"{links.Value.Root(requestBase)}{ResetPath}?token={token}";
        outbox.Enqueue(
            db,
            user.Email!,
            "Choose a new password for Clarity Portal",
            $"Hello {user.DisplayName},\n\nSomeone asked to reset the password of your Clarity Portal account. "
                + $"To choose a new password, open this link. It works once, for 1 hour:\n{link}\n\n"
                + "If you did not ask for this, you can ignore this email: your password stays the same.\n\n"
                + "If you are in crisis, call 911, or call or text 988 (Suicide & Crisis Lifeline).\n",
            containsSecret: true
        );
        change.Record(user.Id, email, AuditActions.PasswordResetRequested, email, "link sent");
        await change.CommitAsync(ct);
        outbox.Kick();
    }

    /// <summary>What a link stands for, before the form is shown.</summary>
    public async Task<ResetLinkState> CheckAsync(string? token, CancellationToken ct = default)
    {
        if (!SecureTokens.LooksValid(token))
        {
            return ResetLinkState.Unknown;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var hash = SecureTokens.Hash(token!);
        var row = await db.PasswordResetTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, ct);
        return row switch
        {
            null => ResetLinkState.Unknown,
            { UsedAt: not null } => ResetLinkState.Used,
            _ when calendar.UtcNow >= row.ExpiresAt => ResetLinkState.Expired,
            _ => ResetLinkState.Valid,
        };
    }

    /// <summary>
    /// Sets the new password. A weak password is refused before the link is spent, so the person can try again;
    /// a valid one spends the link in the same step (two tabs cannot both use it).
    /// </summary>
    public async Task<ResetResult> ResetAsync(string? token, string password, CancellationToken ct = default)
    {
        var state = await CheckAsync(token, ct);
        if (state != ResetLinkState.Valid)
        {
            return new(false, [Explain(state)], state);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var hash = SecureTokens.Hash(token!);
        var userId = await db.PasswordResetTokens.Where(t => t.TokenHash == hash).Select(t => t.UserId).FirstAsync(ct);
        var user = await users.FindByIdAsync(userId);
        if (user is not { DeactivatedAt: null })
        {
            return new(false, [Explain(ResetLinkState.Unknown)], ResetLinkState.Unknown);
        }

        var problems = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var checkedPassword = await validator.ValidateAsync(users, user, password);
            problems.AddRange(checkedPassword.Errors.Select(e => e.Description));
        }

        if (problems.Count > 0)
        {
            return new(false, problems, ResetLinkState.Valid);
        }

        // Spending the link, the new password, the ended sessions and the audit row are one transaction on the
        // context the user manager saves through.
        var now = calendar.UtcNow;
        await using var change = await audit.BeginAsync(identityDb, ct);
        var claimed = await identityDb
            .PasswordResetTokens.Where(t => t.TokenHash == hash && t.UsedAt == null && t.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), ct);
        if (claimed == 0)
        {
            return new(false, [Explain(ResetLinkState.Used)], ResetLinkState.Used);
        }

        // Identity's own reset: password hash and a new security stamp, which ends the user's other sessions.
        var reset = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), password);
        reset.ThrowIfFailed("Resetting the password");
        await sessions.RevokeAllAsync(identityDb, user.Id, ct: ct); // every other browser signs in again, at once
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        change.Record(user.Id, user.Email ?? user.Id, AuditActions.PasswordReset, user.Email ?? "");
        await change.CommitAsync(ct);
        return new(true, [], ResetLinkState.Used);
    }

    public static string Explain(ResetLinkState state) =>
        state switch
        {
            ResetLinkState.Expired => "This link has expired: links work for 1 hour. Ask for a new one below.",
            ResetLinkState.Used => "This link has already been used. If you still need to, ask for a new one below.",
            ResetLinkState.Unknown =>
                "This link is not valid. Check that you copied the whole link from the email, or ask for a new one.",
            _ => "",
        };
}
