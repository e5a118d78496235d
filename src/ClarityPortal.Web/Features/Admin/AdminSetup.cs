namespace ClarityPortal.Web.Features.Admin;

/// <summary>
/// The admin feature: staff, their roles and deactivation, handing over a caseload, and the clinic's details.
/// </summary>
public static class AdminSetup
{
    public const string StaffPath = "/admin/staff";

    public const string ClinicPath = "/admin/clinic";

    public static IServiceCollection AddAdmin(this IServiceCollection services)
    {
        services.AddScoped<StaffService>();
        services.AddScoped<ClinicDetailsService>();
        return services;
    }
}
