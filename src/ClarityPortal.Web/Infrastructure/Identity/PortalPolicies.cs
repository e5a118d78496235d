using ClarityPortal.Data.Identity;
using Microsoft.AspNetCore.Authorization;

namespace ClarityPortal.Web.Infrastructure.Identity;

/// <summary>
/// Authorization policies used on pages and in service methods. Admins have everything clinicians have.
/// </summary>
public static class PortalPolicies
{
    public const string Patient = "Patient";
    public const string Staff = "Staff";
    public const string Admin = "Admin";

    public static void Configure(AuthorizationOptions options)
    {
        options.AddPolicy(
            Patient,
            p =>
                p.RequireAuthenticatedUser().RequireAssertion(ctx => PortalUser.IsInRole(ctx.User, PortalRoles.Patient))
        );
        options.AddPolicy(
            Staff,
            p =>
                p.RequireAuthenticatedUser()
                    .RequireAssertion(ctx =>
                        PortalUser.IsInRole(ctx.User, PortalRoles.Clinician)
                        || PortalUser.IsInRole(ctx.User, PortalRoles.Admin)
                    )
        );
        options.AddPolicy(
            Admin,
            p => p.RequireAuthenticatedUser().RequireAssertion(ctx => PortalUser.IsInRole(ctx.User, PortalRoles.Admin))
        );
    }
}
