using System.Security.Claims;
using ClarityPortal.Data.Identity;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ClarityPortal.Web.Infrastructure.Identity;

/// <summary>
/// Re-checks a connected circuit's user every few minutes: a local account's security stamp must still match
/// (password change, lockout, sign-out everywhere) and its roles unchanged, and a linked Entra ID staff user must still
/// exist as active staff. Deactivated accounts lose their circuits within <see cref="Interval"/>.
/// </summary>
internal sealed class PortalAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopeFactory,
    IOptions<IdentityOptions> options,
    StaffTwoFactor twoFactor
) : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    /// <summary>Also the cookie's security-stamp validation interval (see IdentitySetup).</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override TimeSpan RevalidationInterval => Interval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(
        AuthenticationState authenticationState,
        CancellationToken cancellationToken
    )
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var sessions = scope.ServiceProvider.GetRequiredService<SessionStore>();

        // A signed-out, revoked or expired session ends its circuits too, within a minute.
        return await sessions.IsActiveAsync(authenticationState.User, cancellationToken)
            && await IsStillValidAsync(userManager, authenticationState.User);
    }

    private async Task<bool> IsStillValidAsync(UserManager<ApplicationUser> userManager, ClaimsPrincipal principal)
    {
        var id = PortalUser.Id(principal);
        var user = id is null ? null : await userManager.FindByIdAsync(id);
        if (user is null || user.DeactivatedAt is not null || await userManager.IsLockedOutAsync(user))
        {
            return false;
        }

        if (principal.HasClaim(c => c.Type == PortalUser.UserIdClaim))
        {
            return user.Kind == UserKind.Staff;
        }

        var principalStamp = principal.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        if (principalStamp != await userManager.GetSecurityStampAsync(user))
        {
            return false;
        }

        // A role change takes effect now: the circuit ends and the next request builds a principal with the new roles.
        var roles = (await userManager.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToList();
        if (twoFactor.MustEnrol(user, roles))
        {
            return false; // two-factor became required (or was reset): the next request goes to set-up
        }

        var claimed = principal
            .FindAll(options.Value.ClaimsIdentity.RoleClaimType)
            .Select(c => c.Value)
            .Order(StringComparer.Ordinal);
        return roles.SequenceEqual(claimed);
    }
}
