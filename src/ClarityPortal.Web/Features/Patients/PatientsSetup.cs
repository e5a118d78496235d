using ClarityPortal.Web.Features.Patients.Matrix;
using ClarityPortal.Web.Features.Patients.Record;
using ClarityPortal.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Components.Authorization;

namespace ClarityPortal.Web.Features.Patients;

/// <summary>
/// The patients feature, for clinicians and admins: the overview and who-has-read-what matrix (<c>Matrix/</c>), one
/// patient's record and timeline (<c>Record/</c>), and their care: assignments, next session and care team.
/// </summary>
public static class PatientsSetup
{
    public const string OverviewPath = "/clinician";

    public const string MatrixPath = "/clinician/patients";

    public const string PatientRoute = "/clinician/patients/{Id}";

    public const string RecordRoute = "/clinician/patients/{Id}/record";

    public const string ExportPath = "/clinician/patients.csv";

    public static IServiceCollection AddPatients(this IServiceCollection services)
    {
        services.AddScoped<MatrixService>();
        services.AddScoped<PatientRecordService>();
        services.AddScoped<PatientService>();
        return services;
    }

    /// <summary>The CSV export: a plain download, authorized like the page and by the service itself.</summary>
    public static IEndpointRouteBuilder MapPatients(this IEndpointRouteBuilder app)
    {
        app.MapGet(
                ExportPath,
                async (
                    HttpContext http,
                    MatrixService matrix,
                    AuthenticationStateProvider auth,
                    CancellationToken ct
                ) =>
                {
                    ((IHostEnvironmentAuthenticationStateProvider)auth).SetAuthenticationState(
                        Task.FromResult(new AuthenticationState(http.User))
                    );
                    var q = http.Request.Query;
                    var filter = MatrixQuery.Parse(q["status"], q["module"], q["overdue"], q["session"], q["q"]);
                    var bytes = await matrix.ExportCsvAsync(filter, ct);
                    http.Response.Headers.CacheControl = "no-store";
                    return Results.File(
                        bytes,
                        "text/csv; charset=utf-8",
                        $"clarity-patients-{DateTime.UtcNow:yyyyMMdd}.csv"
                    );
                }
            )
            .RequireAuthorization(PortalPolicies.Staff);
        return app;
    }
}
