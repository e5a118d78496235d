using System.ComponentModel.DataAnnotations;
using ClarityPortal.Data;
using ClarityPortal.Data.Audit;
using ClarityPortal.Data.Identity;
using ClarityPortal.Data.Patients;
using ClarityPortal.Web.Features.Patients;
using ClarityPortal.Web.Infrastructure;
using ClarityPortal.Web.Infrastructure.Audit;
using ClarityPortal.Web.Infrastructure.Identity;
using ClarityPortal.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClarityPortal.Web.Features.Invitations;

/// <summary>
/// Invitations for patients (by clinicians) and staff (by admins). Tokens go out in an email once; only their hash is
/// stored; accepting one creates the account, links it and marks the invitation used in the same step.
/// </summary>
public sealed class InvitationService(
    IDbContextFactory<ClarityDbContext> dbFactory,
    AuthorizationGuard guard,
    AuditLog audit,
    Outbox outbox,
    ClinicCalendar calendar,
    IdentityScope identity,
    IOptions<PortalLinkOptions> links,
    ILogger<InvitationService> logger
)
{
    public async Task<InviteResult> InvitePatientAsync(
        string name,
        string email,
        IReadOnlyCollection<int> starterModuleIds,
        string baseUri,
        DateOnly? starterDueOn = null,
        CancellationToken ct = default
    )
    {
        var user = await guard.RequireAsync(PortalPolicies.Staff);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = starterModuleIds.Distinct().ToList();
        if (ids.Count > 20)
        {
            return new(false, "Choose at most 20 modules for the starter set.");
        }

        if (starterDueOn is { } due && (due < calendar.Today || due > calendar.Today.AddYears(1)))
        {
            return new(false, "Choose a due date between today and one year from now, or leave it empty.");
        }

        if (ids.Count > 0 && await db.Modules.CountAsync(m => ids.Contains(m.Id) && m.IsPublished, ct) != ids.Count)
        {
            return new(false, "One of the chosen modules is not available. Reload the page and try again.");
        }

        return await CreateAsync(
            db,
            user,
            InvitationKind.Patient,
            name,
            email,
            null,
            string.Join(',', ids),
            baseUri,
            ct,
            ids.Count > 0 ? starterDueOn : null
        );
    }

    public async Task<InviteResult> InviteStaffAsync(
        string name,
        string email,
        string role,
        string baseUri,
        CancellationToken ct = default
    )
    {
        var user = await guard.RequireAsync(PortalPolicies.Admin);
        if (role is not (PortalRoles.Clinician or PortalRoles.Admin))
        {
            return new(false, "Choose Clinician or Admin.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await CreateAsync(db, user, InvitationKind.Staff, name, email, role, "", baseUri, ct);
    }

    /// <summary>
    /// Invitations not yet accepted: a clinician's own patient invitations; for admins every invitation.
    /// </summary>
    public async Task<IReadOnlyList<InvitationRow>> PendingAsync(InvitationKind kind, CancellationToken ct = default)
    {
        var user = await guard.RequireAsync(kind == InvitationKind.Staff ? PortalPolicies.Admin : PortalPolicies.Staff);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await Mine(db, user)
            .Where(i => i.Kind == kind && i.UsedAt == null)
            .OrderByDescending(i => i.CreatedAt)
            .Take(200)
            .Select(i => new { Row = i, CreatedBy = i.CreatedBy!.DisplayName })
            .ToListAsync(ct);
        var now = calendar.UtcNow;
        return
        [
            .. rows.Select(r => new InvitationRow(
                r.Row.Id,
                r.Row.Kind,
                r.Row.DisplayName,
                r.Row.Email,
                r.Row.Role,
                r.CreatedBy,
                r.Row.CreatedAt,
                r.Row.ExpiresAt,
                InvitationTokens.Check(r.Row, now)
            )),
        ];
    }

    /// <summary>Sends a new link (the old one stops working) valid for another seven days.</summary>
    public async Task<InviteResult> ResendAsync(int id, string baseUri, CancellationToken ct = default)
    {
        var user = await guard.RequireAsync(PortalPolicies.Staff);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await PendingAsync(db, user, id, ct) is not { } invitation)
        {
            return new(false, NotPending);
        }

        var (token, hash) = InvitationTokens.Create();
        invitation.TokenHash = hash;
        invitation.RevokedAt = null;
        invitation.ExpiresAt = calendar.UtcNow + InvitationTokens.Lifetime;
        Send(db, invitation, PortalUser.DisplayName(user), token, baseUri);
        await using (var change = await audit.BeginAsync(db, ct))
        {
            change.Record(user, AuditActions.InvitationResent, invitation.Email, $"invitation {invitation.Id}");
            await change.CommitAsync(ct);
        }

        outbox.Kick();
        return new(true, $"A new link was sent to {invitation.Email}. The earlier link no longer works.");
    }

    public async Task<InviteResult> RevokeAsync(int id, CancellationToken ct = default)
    {
        var user = await guard.RequireAsync(PortalPolicies.Staff);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await PendingAsync(db, user, id, ct) is not { } invitation)
        {
            return new(false, NotPending);
        }

        invitation.RevokedAt = calendar.UtcNow;
        await using var change = await audit.BeginAsync(db, ct);
        change.Record(user, AuditActions.InvitationRevoked, invitation.Email, $"invitation {invitation.Id}");
        await change.CommitAsync(ct);
        return new(true, $"The invitation for {invitation.Email} was revoked. Its link no longer works.");
    }

    /// <summary>
    /// Anonymous: what the link stands for. Forged, expired, used and revoked links say so and reveal no one.
    /// </summary>
    public async Task<InvitationLookup> LookUpAsync(string? token, CancellationToken ct = default)
    {
        if (!InvitationTokens.LooksValid(token))
        {
            return new(InvitationState.Unknown, null, null, InvitationKind.Patient);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var hash = InvitationTokens.Hash(token!);
        var invitation = await db.Invitations.AsNoTracking().FirstOrDefaultAsync(i => i.TokenHash == hash, ct);
        var state = InvitationTokens.Check(invitation, calendar.UtcNow);
        return state == InvitationState.Valid
            ? new(state, invitation!.DisplayName, invitation.Email, invitation.Kind)
            : new(state, null, null, invitation?.Kind ?? InvitationKind.Patient);
    }

    /// <summary>
    /// Creates the account with <paramref name="password"/>, links a patient to the inviting clinician (and assigns the
    /// starter modules) or gives a staff member their role, and marks the invitation used — or creates nothing.
    /// </summary>
    public async Task<AcceptResult> AcceptAsync(string? token, string password, CancellationToken ct = default)
    {
        var lookup = await LookUpAsync(token, ct);
        if (lookup.State != InvitationState.Valid)
        {
            return new(false, [Explain(lookup.State)], null);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var hash = InvitationTokens.Hash(token!);
        var now = calendar.UtcNow;

        // Claim the invitation first, atomically: of two simultaneous accepts only one gets here.
        var claimed = await db
            .Invitations.Where(i => i.TokenHash == hash && i.UsedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.UsedAt, now), ct);
        if (claimed == 0)
        {
            return new(false, [Explain(InvitationState.Used)], null);
        }

        var invitation = await db.Invitations.FirstAsync(i => i.TokenHash == hash, ct);
        var account = new ApplicationUser
        {
            UserName = invitation.Email,
            Email = invitation.Email,
            EmailConfirmed = true,
            DisplayName = invitation.DisplayName,
            Kind = invitation.Kind == InvitationKind.Patient ? UserKind.Patient : UserKind.Staff,
            CreatedAt = now,
        };
        var role =
            invitation.Kind == InvitationKind.Patient ? PortalRoles.Patient : invitation.Role ?? PortalRoles.Clinician;
        var created = await identity.RunAsync(async users =>
        {
            var result = await users.CreateAsync(account, password);
            if (result.Succeeded)
            {
                await users.AddToRoleAsync(account, role);
            }

            return result;
        });
        if (!created.Succeeded)
        {
            await db
                .Invitations.Where(i => i.Id == invitation.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.UsedAt, (DateTime?)null), ct);
            return new(false, [.. created.Errors.Select(e => e.Description)], null);
        }

        invitation.AcceptedUserId = account.Id;
        if (invitation.Kind == InvitationKind.Patient)
        {
            PatientLinks.AddClinician(db, account.Id, invitation.CreatedById, now);
            foreach (
                var moduleId in invitation
                    .StarterModuleIds.Split(',', StringSplitOptions.RemoveEmptyEntries)
                    .Select(int.Parse)
            )
            {
                PatientLinks.Assign(db, account.Id, moduleId, invitation.CreatedById, now, invitation.StarterDueOn);
            }
        }

        await using var change = await audit.BeginAsync(db, ct);
        if (invitation.Kind == InvitationKind.Patient)
        {
            await PatientLinks.SaveAssignmentsAsync(db, account.Id, ct);
        }

        change.Record(
            account.Id,
            account.Email!,
            AuditActions.InvitationAccepted,
            account.Email!,
            $"invitation {invitation.Id}; {invitation.Kind}"
        );
        await change.CommitAsync(ct);
        logger.LogInformation("Invitation {Invitation} accepted", invitation.Id);
        return new(true, [], account);
    }

    public static string Explain(InvitationState state) =>
        state switch
        {
            InvitationState.Expired =>
                "This invitation link has expired. Links work for 7 days. Ask your clinic to send a new one.",
            InvitationState.Used =>
                "This invitation link has already been used. Sign in with the email and password you chose.",
            InvitationState.Revoked =>
                "This invitation link was withdrawn by the clinic. Ask your clinic if you think this is a mistake.",
            InvitationState.Unknown =>
                "This invitation link is not valid. Check that you copied the whole link from the email, or ask your "
                    + "clinic to send a new one.",
            _ => "",
        };

    private async Task<InviteResult> CreateAsync(
        ClarityDbContext db,
        System.Security.Claims.ClaimsPrincipal user,
        InvitationKind kind,
        string name,
        string email,
        string? role,
        string starter,
        string baseUri,
        CancellationToken ct,
        DateOnly? starterDueOn = null
    )
    {
        name = name.Trim();
        email = email.Trim();
        if (name.Length is 0 or > 120)
        {
            return new(false, "Enter the person's name (up to 120 characters).");
        }

        if (
            email.Length > 256
            || !new EmailAddressAttribute().IsValid(email)
            || !email.Contains('.', StringComparison.Ordinal)
        )
        {
            return new(false, "Enter a valid email, like name@example.com.");
        }

        if (await identity.RunAsync(users => users.FindByEmailAsync(email)) is not null)
        {
            return new(
                false,
                kind == InvitationKind.Patient
                    ? "An account already uses this email. If this patient already has an account, ask an admin to "
                        + "add you to their care team."
                    : "An account already uses this email. Change that person's roles in the staff list instead."
            );
        }

        var now = calendar.UtcNow;
        var normalized = email.ToLowerInvariant();
        if (
            await db.Invitations.AnyAsync(
                i => i.Email == normalized && i.UsedAt == null && i.RevokedAt == null && i.ExpiresAt > now,
                ct
            )
        )
        {
            return new(false, "This email already has an invitation waiting. Resend it from the list below instead.");
        }

        var (token, hash) = InvitationTokens.Create();
        var invitation = new Invitation
        {
            Kind = kind,
            Email = normalized,
            DisplayName = name,
            Role = role,
            TokenHash = hash,
            CreatedById = PortalUser.Id(user)!,
            CreatedAt = now,
            ExpiresAt = now + InvitationTokens.Lifetime,
            StarterModuleIds = starter,
            StarterDueOn = starterDueOn,
        };
        db.Invitations.Add(invitation);
        Send(db, invitation, PortalUser.DisplayName(user), token, baseUri);
        await using (var change = await audit.BeginAsync(db, ct))
        {
            await db.SaveChangesAsync(ct); // the new invitation's id goes into the audit row
            change.Record(
                user,
                kind == InvitationKind.Patient ? AuditActions.PatientInvited : AuditActions.StaffInvited,
                email,
                $"invitation {invitation.Id}{(role is null ? "" : "; role " + role)}"
            );
            await change.CommitAsync(ct);
        }

        outbox.Kick();
        return new(true, $"Invitation sent to {email}. The link works once, for 7 days.");
    }

    private const string NotPending = "That invitation was not found or has already been used.";

    /// <summary>
    /// A waiting invitation the user may act on: their own (admins: any); staff invitations only for admins.
    /// </summary>
    private static async Task<Invitation?> PendingAsync(
        ClarityDbContext db,
        System.Security.Claims.ClaimsPrincipal user,
        int id,
        CancellationToken ct
    )
    {
        var invitation = await Mine(db, user).FirstOrDefaultAsync(i => i.Id == id && i.UsedAt == null, ct);
        return
            invitation is null
            || (invitation.Kind == InvitationKind.Staff && !PortalUser.IsInRole(user, PortalRoles.Admin))
            ? null
            : invitation;
    }

    private static IQueryable<Invitation> Mine(ClarityDbContext db, System.Security.Claims.ClaimsPrincipal user)
    {
        if (PortalUser.IsInRole(user, PortalRoles.Admin))
        {
            return db.Invitations;
        }

        var id = PortalUser.Id(user);
        return db.Invitations.Where(i => i.CreatedById == id);
    }

    private void Send(ClarityDbContext db, Invitation invitation, string inviter, string token, string baseUri)
    {
        var root = links.Value.Root(baseUri);
        var link = $"{root}{InvitationsSetup.AcceptPath}?token={token}";
        var until = calendar
            .ToLocal(invitation.ExpiresAt)
            .ToString("dddd d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
        var purpose =
            invitation.Kind == InvitationKind.Patient
                ? "where you can read about ketamine-assisted psychotherapy, at your own pace, before and between "
                    + "your sessions."
                : $"as a member of the clinic's staff ({invitation.Role}).";
        outbox.Enqueue(
            db,
            invitation.Email,
            "Your invitation to Clarity Portal",
            $"Hello {invitation.DisplayName},\n\n{inviter} has invited you to Clarity Portal, {purpose}\n\n"
                + $"Choose your password here. The link works once, until {until}:\n{link}\n\n"
                + "If you did not expect this email, you can ignore it.\n\n"
                + "If you are in crisis, call 911, or call or text 988 (Suicide & Crisis Lifeline).\n",
            containsSecret: true
        );
    }
}
