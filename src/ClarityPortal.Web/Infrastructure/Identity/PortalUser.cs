using System.Security.Claims;
using ClarityPortal.Data.Identity;

namespace ClarityPortal.Web.Infrastructure.Identity;

/// <summary>Reads who the signed-in user is, for local Identity and Entra ID principals alike.</summary>
public static class PortalUser
{
    /// <summary>Our user id, added to Entra ID principals when their staff account is linked.</summary>
    public const string UserIdClaim = "clarity:uid";

    /// <summary>The claim Microsoft Entra ID uses for app roles.</summary>
    public const string EntraRolesClaim = "roles";

    public static string? Id(ClaimsPrincipal user) =>
        user.FindFirst(UserIdClaim)?.Value ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value;

    /// <summary>
    /// True when the principal holds the role, from our own role claims or, for staff roles only,
    /// from the app roles that Entra ID puts in its <c>roles</c> claim.
    /// </summary>
    public static bool IsInRole(ClaimsPrincipal user, string role)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return false;
        }

        var staffRole = role is PortalRoles.Clinician or PortalRoles.Admin;
        return user.Claims.Any(c =>
            string.Equals(c.Value, role, StringComparison.OrdinalIgnoreCase)
            && (c.Type == ClaimTypes.Role || (staffRole && c.Type == EntraRolesClaim))
        );
    }

    /// <summary>The highest role, for display ("Admin", "Clinician", "Patient"), or null.</summary>
    public static string? PrimaryRole(ClaimsPrincipal user) =>
        new[] { PortalRoles.Admin, PortalRoles.Clinician, PortalRoles.Patient }.FirstOrDefault(r => IsInRole(user, r));

    public static string DisplayName(ClaimsPrincipal user) =>
        user.FindFirst("name")?.Value ?? user.FindFirst(ClaimTypes.GivenName)?.Value ?? user.Identity?.Name ?? "";
}
