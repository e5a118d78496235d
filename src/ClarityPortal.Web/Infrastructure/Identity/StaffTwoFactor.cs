using ClarityPortal.Data.Identity;
using Microsoft.Extensions.Options;

namespace ClarityPortal.Web.Infrastructure.Identity;

/// <summary>Two-factor settings under <c>Identity</c>.</summary>
public sealed class StaffTwoFactorOptions
{
    public const string Section = "Identity";

    /// <summary>
    /// Clinicians and admins with a local password must use an authenticator app. Unset: required everywhere except
    /// Development, where the demo accounts sign in with the password alone.
    /// </summary>
    public bool? RequireStaffTwoFactor { get; set; }
}

/// <summary>
/// Who must set up two-factor before using the portal: a clinician or admin who signs in with a local password
/// (staff linked to Entra ID use Microsoft's sign-in and its own checks) and has not set it up yet. Such a person is
/// signed in without their roles and reaches only the set-up page (<see cref="TwoFactorGate"/>).
/// </summary>
public sealed class StaffTwoFactor(IOptionsMonitor<StaffTwoFactorOptions> options, IHostEnvironment environment)
{
    /// <summary>The claim on a principal that must enrol first (it carries no roles).</summary>
    public const string EnrolClaim = "clarity:enrol-two-factor";

    public bool Required => options.CurrentValue.RequireStaffTwoFactor ?? !environment.IsDevelopment();

    public bool MustEnrol(ApplicationUser user, IEnumerable<string> roles) =>
        Required
        && !user.TwoFactorEnabled
        && user.PasswordHash is not null
        && user.EntraObjectId is null
        && roles.Any(r => r is PortalRoles.Clinician or PortalRoles.Admin);

    /// <summary>Whether the person may turn two-factor off (not when it is required of them).</summary>
    public bool MayTurnOff(IEnumerable<string> roles) =>
        !Required || !roles.Any(r => r is PortalRoles.Clinician or PortalRoles.Admin);

    public static bool IsEnrolling(System.Security.Claims.ClaimsPrincipal user) =>
        user.HasClaim(c => c.Type == EnrolClaim);
}
