using System.Security.Claims;
using ClarityPortal.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ClarityPortal.Web.Infrastructure.Identity;

/// <summary>
/// Adds the person's display name to the sign-in cookie, so pages greet them by name without a query.
/// </summary>
internal sealed class PortalClaimsFactory(
    UserManager<ApplicationUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<IdentityOptions> options
) : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (!string.IsNullOrWhiteSpace(user.DisplayName))
        {
            identity.AddClaim(new Claim("name", user.DisplayName));
        }

        return identity;
    }
}
