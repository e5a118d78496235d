namespace ClarityPortal.Web.Features.Audit;

/// <summary>
/// The audit feature: the admins' page for browsing and verifying the log (writing it is infrastructure).
/// </summary>
public static class AuditSetup
{
    public const string PagePath = "/admin/audit";

    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddScoped<AuditBrowser>();
        return services;
    }
}
