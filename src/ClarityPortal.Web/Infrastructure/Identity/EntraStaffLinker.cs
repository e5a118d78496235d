using System.Security.Claims;
using ClarityPortal.Data;
using ClarityPortal.Data.Audit;
using ClarityPortal.Data.Identity;
using ClarityPortal.Data.Patients;
using ClarityPortal.Web.Infrastructure.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Web;

namespace ClarityPortal.Web.Infrastructure.Identity;

/// <summary>
/// The Entra ID tenants whose people may sign in: <c>AzureAd:AllowedTenants</c>, else the tenant id itself.
/// </summary>
public sealed class EntraTenantOptions
{
    private static readonly string[] MultiTenant = ["common", "organizations", "consumers"];

    public string? TenantId { get; set; }

    public List<string> AllowedTenants { get; set; } = [];

    /// <summary>The tenant ids (GUIDs) accepted in the <c>tid</c> claim.</summary>
    public IReadOnlySet<string> Allowed =>
        AllowedTenants.Count > 0 ? AllowedTenants.Select(t => t.Trim().ToLowerInvariant()).ToHashSet()
        : Guid.TryParse(TenantId, out var id) ? new HashSet<string> { id.ToString() }
        : new HashSet<string>();

    /// <summary>Why the configuration cannot be used, or null.</summary>
    public string? Problem() =>
        MultiTenant.Contains(TenantId?.Trim().ToLowerInvariant()) && AllowedTenants.Count == 0
            ? $"AzureAd:TenantId is '{TenantId}', which lets any organization sign in. Set it to your tenant's id, or "
                + "list the tenant ids allowed in AzureAd:AllowedTenants."
        : Allowed.Count == 0
            ? "AzureAd:TenantId must be your tenant's id (a GUID), or list the allowed tenant ids in "
                + "AzureAd:AllowedTenants."
        : Allowed.FirstOrDefault(t => !Guid.TryParse(t, out _)) is { } bad
            ? $"AzureAd:AllowedTenants holds '{bad}', which is not a tenant id (a GUID)."
        : null;
}

/// <summary>The outcome of an Entra ID sign-in: the linked staff user and their staff roles, or why not.</summary>
public sealed record EntraLinkResult(ApplicationUser? User, IReadOnlyList<string> Roles, string? Failure);

/// <summary>
/// Links a validated Entra ID sign-in to a staff user. The tenant (<c>tid</c>) must be an allowed one; a user is
/// found by tenant + object id; an email links an existing account only once, for a staff member who was invited and
/// is not linked yet; a linked account loses its local password (blocking someone in Entra then stops them); roles
/// come from Entra but never take the role from the last active admin.
/// </summary>
public sealed class EntraStaffLinker(
    UserManager<ApplicationUser> users,
    ClarityDbContext identityDb,
    IDbContextFactory<ClarityDbContext> dbFactory,
    AuditLog audit,
    TimeProvider clock,
    IOptions<EntraTenantOptions> tenants
)
{
    public const string TenantClaim = "http://schemas.microsoft.com/identity/claims/tenantid";

    /// <summary>The stored link: tenant and object id, so the same object id in another tenant never matches.</summary>
    public static string LinkKey(string tenantId, string objectId) => $"{tenantId.ToLowerInvariant()}/{objectId}";

    public async Task<EntraLinkResult> LinkAsync(ClaimsPrincipal principal)
    {
        var tenant = (principal.FindFirstValue(TenantClaim) ?? principal.FindFirstValue("tid"))?.ToLowerInvariant();
        var objectId = principal.GetObjectId();
        var email =
            principal.FindFirstValue("preferred_username")
            ?? principal.FindFirstValue(ClaimTypes.Email)
            ?? principal.FindFirstValue("email");
        var roles = EntraStaffSignIn.MappedRoles(principal);
        var who = email ?? "unknown Entra user";

        if (tenant is null || !tenants.Value.Allowed.Contains(tenant))
        {
            return await FailAsync(
                null,
                who,
                $"Entra ID: tenant {tenant ?? "(none)"} is not allowed",
                "This Microsoft account's organization cannot sign in to this portal."
            );
        }

        if (objectId is null || email is null || roles.Count == 0)
        {
            return await FailAsync(
                null,
                who,
                "Entra ID: no staff app role",
                "This Microsoft account has no Clarity Portal staff role."
            );
        }

        // The link, the password removal, the roles and their audit rows are one transaction on the context the
        // user manager saves through.
        await using var change = await audit.BeginAsync(identityDb);
        var key = LinkKey(tenant, objectId);
        var user = await users.Users.FirstOrDefaultAsync(u => u.EntraObjectId == key);
        var how = "signed in";

        // Linked before tenants were recorded (object id only, single tenant): the allowed tenant is known now.
        if (user is null && await users.Users.FirstOrDefaultAsync(u => u.EntraObjectId == objectId) is { } legacy)
        {
            legacy.EntraObjectId = key;
            (await users.UpdateAsync(legacy)).ThrowIfFailed("Recording the tenant of an Entra ID link");
            user = legacy;
        }

        if (user is null)
        {
            var byEmail = await users.FindByEmailAsync(email);
            if (byEmail is not null)
            {
                if (
                    byEmail.Kind != UserKind.Staff
                    || byEmail.EntraObjectId is not null
                    || !await WasInvitedAsync(byEmail)
                )
                {
                    change.Record(
                        byEmail.Id,
                        email,
                        AuditActions.SignInFailed,
                        email,
                        "Entra ID: email belongs to an account that cannot be linked"
                    );
                    await change.CommitAsync();
                    return new EntraLinkResult(
                        null,
                        [],
                        "This Microsoft account cannot be linked. Ask the clinic's administrator."
                    );
                }

                user = byEmail;
                user.EntraObjectId = key;
                (await users.UpdateAsync(user)).ThrowIfFailed("Linking the Entra ID staff user");
                how = "linked to the invited staff account";
            }
            else
            {
                user = new ApplicationUser
                {
                    UserName = email,
                    Email = email,
                    EmailConfirmed = true,
                    Kind = UserKind.Staff,
                    EntraObjectId = key,
                    DisplayName = principal.FindFirstValue("name") ?? email,
                    CreatedAt = clock.GetUtcNow().UtcDateTime,
                };
                (await users.CreateAsync(user)).ThrowIfFailed("Linking the Entra ID staff user");
                how = "created";
            }

            change.Record(user.Id, email, AuditActions.StaffLinkedFromEntra, email, how);
        }

        if (user.DeactivatedAt is not null)
        {
            change.Record(user.Id, email, AuditActions.SignInFailed, email, "Entra ID: staff account deactivated");
            await change.CommitAsync();
            return new EntraLinkResult(null, [], "This staff account has been deactivated.");
        }

        // A linked account signs in with Entra only: blocking the person in Entra then stops them here too.
        if (await users.HasPasswordAsync(user))
        {
            (await users.RemovePasswordAsync(user)).ThrowIfFailed("Removing the local password of a linked account");
        }

        // Entra ID is the source of truth for the staff roles, except that the last active admin keeps the role.
        var kept = new List<string>();
        foreach (var role in new[] { PortalRoles.Clinician, PortalRoles.Admin })
        {
            var wanted = roles.Contains(role);
            if (
                !wanted
                && role == PortalRoles.Admin
                && await users.IsInRoleAsync(user, role)
                && await ActiveAdminsAsync() <= 1
            )
            {
                kept.Add(role);
                change.Record(
                    user.Id,
                    email,
                    AuditActions.StaffRolesChanged,
                    email,
                    "Entra ID no longer gives the Admin role, but this is the last active admin: role kept"
                );
                continue;
            }

            await users.SetRoleAsync(user, role, wanted, "Linking the Entra ID staff user");
        }

        change.Record(user.Id, email, AuditActions.SignInSucceeded, email, "Entra ID");
        await change.CommitAsync();
        return new EntraLinkResult(user, [.. roles.Union(kept)], null);
    }

    private async Task<bool> WasInvitedAsync(ApplicationUser user)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.Invitations.AnyAsync(i => i.AcceptedUserId == user.Id && i.Kind == InvitationKind.Staff);
    }

    private async Task<int> ActiveAdminsAsync()
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var adminRole = await db.Roles.Where(r => r.Name == PortalRoles.Admin).Select(r => r.Id).FirstAsync();
        return await db.Users.CountAsync(u =>
            u.DeactivatedAt == null && db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == adminRole)
        );
    }

    private async Task<EntraLinkResult> FailAsync(string? userId, string who, string details, string failure)
    {
        await audit.RecordAsync(userId, who, AuditActions.SignInFailed, who, details);
        return new EntraLinkResult(null, [], failure);
    }
}
