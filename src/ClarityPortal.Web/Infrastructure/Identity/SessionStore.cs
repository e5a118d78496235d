using ClarityPortal.Data;
using ClarityPortal.Data.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClarityPortal.Web.Infrastructure.Identity;

/// <summary>Session limits under <c>Session</c>.</summary>
public sealed class PortalSessionOptions
{
    public const string Section = "Session";

    /// <summary>The longest a sign-in lasts, however active (HIPAA §164.312(a)(2)(iii) automatic logoff).</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Staff are signed out after this long without a request or any activity on an open page.</summary>
    public TimeSpan StaffIdleTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Patients are signed out after this long without activity.</summary>
    public TimeSpan PatientIdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long before idle logoff an open page warns and offers "Stay signed in".</summary>
    public TimeSpan IdleWarning { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan IdleTimeoutFor(System.Security.Claims.ClaimsPrincipal user) =>
        PortalUser.IsInRole(user, PortalRoles.Clinician)
        || PortalUser.IsInRole(user, PortalRoles.Admin)
        || StaffTwoFactor.IsEnrolling(user)
            ? StaffIdleTimeout
            : PatientIdleTimeout;
}

/// <summary>One of a user's sessions, as <c>/account</c> lists it.</summary>
public sealed record SessionRow(string Id, string Device, DateTime CreatedAt, DateTime LastSeenAt, bool IsCurrent);

/// <summary>
/// Server-side sessions for the sign-in cookies (<see cref="ITicketStore"/>): the cookie carries only a random key,
/// the ticket is kept (protected) in the database, and a session that was signed out, revoked or is past its absolute
/// lifetime is gone, even for a copy of the cookie.
/// </summary>
public sealed class SessionStore(
    IDbContextFactory<ClarityDbContext> dbFactory,
    IDataProtectionProvider protection,
    TimeProvider clock,
    IOptionsMonitor<PortalSessionOptions> options
) : ITicketStore
{
    /// <summary>The claim the cookie handler adds with the session key.</summary>
    public const string SessionIdClaim = "Microsoft.AspNetCore.Authentication.Cookies-SessionId";

    /// <summary>Set on the request whose session just ended for inactivity (the sign-in page then says so).</summary>
    public const string EndedForInactivity = "clarity:session-idle";

    private static readonly TimeSpan LastSeenPrecision = TimeSpan.FromSeconds(30);
    private readonly IDataProtector protector = protection.CreateProtector("ClarityPortal.Sessions.Ticket");

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreCoreAsync(ticket, null, CancellationToken.None);

    public Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken) =>
        StoreCoreAsync(ticket, null, cancellationToken);

    public Task<string> StoreAsync(
        AuthenticationTicket ticket,
        HttpContext httpContext,
        CancellationToken cancellationToken
    ) => StoreCoreAsync(ticket, httpContext, cancellationToken);

    private async Task<string> StoreCoreAsync(
        AuthenticationTicket ticket,
        HttpContext? httpContext,
        CancellationToken ct
    )
    {
        var userId = PortalUser.Id(ticket.Principal) ?? throw new InvalidOperationException("A session needs a user.");
        var device = httpContext?.Request.Headers.UserAgent.ToString() ?? "";
        var key = Guid.NewGuid().ToString("N");

        CarryKey(ticket, key);

        var row = new UserSession
        {
            Id = key,
            UserId = userId,
            CreatedAt = Now,
            LastSeenAt = Now,
            ExpiresAt = Now + options.CurrentValue.AbsoluteLifetime,
            Device = device.Length > 200 ? device[..200] : device,
            Ticket = Protect(ticket),
        };
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.UserSessions.Add(row);
        await db.SaveChangesAsync(ct);
        return row.Id;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, CancellationToken.None);

    public async Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken)
    {
        // A renewed principal is built afresh (security-stamp check, refresh after a password or two-factor change).
        CarryKey(ticket, key);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var bytes = Protect(ticket);
        var userId = PortalUser.Id(ticket.Principal);

        // Only the same person's session is renewed (a sign-in never takes over another's session key), and renewal
        // is not activity: the cookie handler renews on its own schedule.
        await db
            .UserSessions.Where(s => s.Id == key && s.RevokedAt == null && s.UserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Ticket, bytes), cancellationToken);
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, CancellationToken.None);

    public Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken) =>
        RetrieveCoreAsync(key, null, cancellationToken);

    public Task<AuthenticationTicket?> RetrieveAsync(
        string key,
        HttpContext httpContext,
        CancellationToken cancellationToken
    ) => RetrieveCoreAsync(key, httpContext, cancellationToken);

    private async Task<AuthenticationTicket?> RetrieveCoreAsync(
        string key,
        HttpContext? httpContext,
        CancellationToken cancellationToken
    )
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = Now;
        var row = await db
            .UserSessions.AsNoTracking()
            .FirstOrDefaultAsync(s => s.Id == key && s.RevokedAt == null && s.ExpiresAt > now, cancellationToken);
        if (row is null || Unprotect(row.Ticket) is not { } ticket)
        {
            return null;
        }

        // Idle logoff: too long without a request or activity on an open page ends the session for good.
        if (now - row.LastSeenAt > options.CurrentValue.IdleTimeoutFor(ticket.Principal))
        {
            await RemoveAsync(key, cancellationToken);
            httpContext?.Items[EndedForInactivity] = true;
            return null;
        }

        // Circuit traffic (/_blazor: reconnects, long polling) is the page, not the person (portal.js reports that).
        if (httpContext?.Request.Path.StartsWithSegments("/_blazor") != true)
        {
            await TouchAsync(db, key, row.LastSeenAt, now, cancellationToken);
        }

        return ticket;
    }

    private static async Task TouchAsync(
        ClarityDbContext db,
        string key,
        DateTime lastSeen,
        DateTime now,
        CancellationToken ct
    )
    {
        if (now - lastSeen > LastSeenPrecision)
        {
            await db
                .UserSessions.Where(s => s.Id == key)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), ct);
        }
    }

    public Task RemoveAsync(string key) => RemoveAsync(key, CancellationToken.None);

    public async Task RemoveAsync(string key, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = Now;
        await db
            .UserSessions.Where(s => s.Id == key && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now), cancellationToken);
    }

    /// <summary>
    /// Whether the session behind a circuit's principal is still live (circuits re-check every minute).
    /// </summary>
    public async Task<bool> IsActiveAsync(System.Security.Claims.ClaimsPrincipal user, CancellationToken ct = default)
    {
        var left = await IdleTimeLeftAsync(user, ct);
        if (left is null)
        {
            return true; // a principal without a server-side session (tests, Entra before sign-in completes)
        }

        if (left == TimeSpan.MinValue)
        {
            return false;
        }

        if (left <= TimeSpan.Zero)
        {
            await RemoveAsync(user.FindFirst(SessionIdClaim)!.Value, ct);
            return false;
        }

        return true;
    }

    /// <summary>The user's live sessions, newest activity first.</summary>
    public async Task<IReadOnlyList<SessionRow>> ListAsync(
        string userId,
        string? currentKey,
        CancellationToken ct = default
    )
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = Now;
        return await db
            .UserSessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.RevokedAt == null && s.ExpiresAt > now)
            .OrderByDescending(s => s.LastSeenAt)
            .Select(s => new SessionRow(s.Id, s.Device, s.CreatedAt, s.LastSeenAt, s.Id == currentKey))
            .ToListAsync(ct);
    }

    /// <summary>Ends one of the user's sessions (only their own).</summary>
    public async Task<bool> RevokeAsync(string userId, string key, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = Now;
        return await db
                .UserSessions.Where(s => s.Id == key && s.UserId == userId && s.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now), ct) > 0;
    }

    /// <summary>Ends every session of the user except <paramref name="keep"/> (null: all of them).</summary>
    public async Task<int> RevokeAllAsync(string userId, string? keep = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await RevokeAllAsync(db, userId, keep, ct);
    }

    /// <summary>The same on <paramref name="db"/>, joining its transaction (an audited change).</summary>
    public async Task<int> RevokeAllAsync(
        ClarityDbContext db,
        string userId,
        string? keep = null,
        CancellationToken ct = default
    )
    {
        var now = Now;
        return await db
            .UserSessions.Where(s => s.UserId == userId && s.RevokedAt == null && s.Id != keep)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now), ct);
    }

    /// <summary>
    /// Time left before idle logoff for the session behind <paramref name="user"/>, from its last activity in any tab
    /// (zero or less: idle too long); <see cref="TimeSpan.MinValue"/> when the session ended otherwise (signed out,
    /// revoked, past its lifetime); null when the principal has no server-side session.
    /// </summary>
    public async Task<TimeSpan?> IdleTimeLeftAsync(
        System.Security.Claims.ClaimsPrincipal user,
        CancellationToken ct = default
    )
    {
        if (user.FindFirst(SessionIdClaim)?.Value is not { } key)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = Now;
        var lastSeen = await db
            .UserSessions.Where(s => s.Id == key && s.RevokedAt == null && s.ExpiresAt > now)
            .Select(s => (DateTime?)s.LastSeenAt)
            .FirstOrDefaultAsync(ct);
        return lastSeen is { } seen ? options.CurrentValue.IdleTimeoutFor(user) - (now - seen) : TimeSpan.MinValue;
    }

    /// <summary>"Stay signed in": counts as activity now, however recent the last touch.</summary>
    public async Task KeepAliveAsync(System.Security.Claims.ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (user.FindFirst(SessionIdClaim)?.Value is not { } key)
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = Now;
        var idleSince = now - options.CurrentValue.IdleTimeoutFor(user); // an expired session stays expired
        await db
            .UserSessions.Where(s =>
                s.Id == key && s.RevokedAt == null && s.ExpiresAt > now && s.LastSeenAt >= idleSince
            )
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), ct);
    }

    /// <summary>
    /// The stored principal carries its own session key, so pages and circuits know which session they are.
    /// </summary>
    private static void CarryKey(AuthenticationTicket ticket, string key)
    {
        if (
            ticket.Principal.Identities.FirstOrDefault() is { } identity
            && !identity.HasClaim(c => c.Type == SessionIdClaim)
        )
        {
            identity.AddClaim(new System.Security.Claims.Claim(SessionIdClaim, key));
        }
    }

    private byte[] Protect(AuthenticationTicket ticket) =>
        protector.Protect(TicketSerializer.Default.Serialize(ticket));

    private AuthenticationTicket? Unprotect(byte[] bytes)
    {
        try
        {
            return TicketSerializer.Default.Deserialize(protector.Unprotect(bytes));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null; // keys rotated away: the person signs in again
        }
    }
}
