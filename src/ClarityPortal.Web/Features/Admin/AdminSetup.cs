namespace ClarityPortal.Web.Features.Admin;

/// <summary>The admin feature: staff, their roles and deactivation, and handing over a caseload.</summary>
public static class AdminSetup
{
    public const string StaffPath = "/admin/staff";

    public static IServiceCollection AddAdmin(this IServiceCollection services)
    {
        services.AddScoped<StaffService>();
        return services;
    }
}
