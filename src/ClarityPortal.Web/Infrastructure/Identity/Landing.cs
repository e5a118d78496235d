using ClarityPortal.Data.Identity;

namespace ClarityPortal.Web.Infrastructure.Identity;

/// <summary>
/// Where a person lands after signing in when no page asked for them: patients on "My learning", clinicians on their
/// overview, an admin who is not a clinician on the staff page. A safe <c>returnUrl</c> always wins.
/// </summary>
public static class Landing
{
    public static string For(IEnumerable<string> roles, string? returnUrl)
    {
        var local = IdentityRedirectManager.LocalOrHome(returnUrl);
        if (local != "/")
        {
            return local;
        }

        var set = roles.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return set.Contains(PortalRoles.Clinician) ? "/clinician"
            : set.Contains(PortalRoles.Admin) ? "/admin/staff"
            : set.Contains(PortalRoles.Patient) ? "/my"
            : "/";
    }
}
