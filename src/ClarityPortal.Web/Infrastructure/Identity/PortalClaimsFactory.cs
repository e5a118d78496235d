using System.Security.Claims;
using ClarityPortal.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ClarityPortal.Web.Infrastructure.Identity;

/// <summary>
/// Adds the person's display name to the sign-in cookie, so pages greet them by name without a query. A staff member
/// who must still set up two-factor gets no roles, only <see cref="StaffTwoFactor.EnrolClaim"/>: every page and
/// service that checks a role refuses them until they have.
/// </summary>
internal sealed class PortalClaimsFactory(
    UserManager<ApplicationUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<IdentityOptions> options,
    StaffTwoFactor twoFactor
) : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (!string.IsNullOrWhiteSpace(user.DisplayName))
        {
            identity.AddClaim(new Claim("name", user.DisplayName));
        }

        var roleClaims = identity.FindAll(Options.ClaimsIdentity.RoleClaimType).ToList();
        if (twoFactor.MustEnrol(user, roleClaims.Select(c => c.Value)))
        {
            roleClaims.ForEach(identity.RemoveClaim);
            identity.AddClaim(new Claim(StaffTwoFactor.EnrolClaim, "true"));
        }

        return identity;
    }
}
