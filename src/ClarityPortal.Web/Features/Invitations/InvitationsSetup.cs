namespace ClarityPortal.Web.Features.Invitations;

/// <summary>
/// The invitations feature: clinicians invite patients (with a starter set of lessons), admins invite staff; the
/// link in the email opens "choose your password", which creates the account.
/// </summary>
public static class InvitationsSetup
{
    public const string AcceptPath = "/account/invitation";

    public const string InvitePatientPath = "/clinician/patients/invite";

    public static IServiceCollection AddInvitations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<InvitationService>();
        return services;
    }
}
