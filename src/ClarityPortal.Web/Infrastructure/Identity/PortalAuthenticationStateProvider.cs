using System.Security.Claims;
using ClarityPortal.Data.Identity;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ClarityPortal.Web.Infrastructure.Identity;

/// <summary>
/// Re-checks a connected circuit's user every few minutes: a local account's security stamp must still match
/// (password change, lockout, sign-out everywhere), and a linked Entra ID staff user must still exist as staff.
/// </summary>
internal sealed class PortalAuthenticationStateProvider(
        ILoggerFactory loggerFactory,
        IServiceScopeFactory scopeFactory,
        IOptions<IdentityOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(5);

    protected override async Task<bool> ValidateAuthenticationStateAsync(
        AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return await IsStillValidAsync(userManager, authenticationState.User);
    }

    private async Task<bool> IsStillValidAsync(UserManager<ApplicationUser> userManager, ClaimsPrincipal principal)
    {
        var id = PortalUser.Id(principal);
        var user = id is null ? null : await userManager.FindByIdAsync(id);
        if (user is null || await userManager.IsLockedOutAsync(user))
        {
            return false;
        }

        if (principal.HasClaim(c => c.Type == PortalUser.UserIdClaim))
        {
            return user.Kind == UserKind.Staff;
        }

        var principalStamp = principal.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        return principalStamp == await userManager.GetSecurityStampAsync(user);
    }
}
