using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;

namespace ClarityPortal.Web.Infrastructure.Identity;

/// <summary>
/// Service methods call this before touching protected data: a circuit can invoke any method a component can,
/// so hiding a button is never enough.
/// </summary>
public sealed class AuthorizationGuard(AuthenticationStateProvider authState, IAuthorizationService authorization)
{
    /// <summary>Returns the current user when they satisfy <paramref name="policy"/>; otherwise throws.</summary>
    public async Task<ClaimsPrincipal> RequireAsync(string policy)
    {
        var user = (await authState.GetAuthenticationStateAsync()).User;
        var result = await authorization.AuthorizeAsync(user, policy);
        return result.Succeeded
            ? user
            : throw new UnauthorizedAccessException($"The current user does not satisfy the '{policy}' policy.");
    }
}
