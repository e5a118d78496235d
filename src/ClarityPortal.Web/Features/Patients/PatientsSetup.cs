using ClarityPortal.Web.Features.Admin;
using ClarityPortal.Web.Infrastructure;
using ClarityPortal.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Components.Authorization;

namespace ClarityPortal.Web.Features.Patients;

public static class PatientsSetup
{
    public const string ExportPath = "/clinician/patients.csv";

    public static WebApplicationBuilder AddPatients(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ClinicOptions>().Bind(builder.Configuration.GetSection(ClinicOptions.Section))
            .Validate(o => string.IsNullOrWhiteSpace(o.TimeZone) || TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _),
                "Clinic:TimeZone is not a time zone this server knows (use an IANA id such as America/Los_Angeles).")
            .ValidateOnStart();
        builder.Services.Configure<PortalLinkOptions>(builder.Configuration.GetSection(PortalLinkOptions.Section));
        builder.Services.AddSingleton<ClinicCalendar>();
        builder.Services.AddScoped<InvitationService>();
        builder.Services.AddScoped<MatrixService>();
        builder.Services.AddScoped<PatientService>();
        builder.Services.AddScoped<StaffService>();
        return builder;
    }

    /// <summary>The CSV export: a plain download, authorized like the page and by the service itself.</summary>
    public static IEndpointRouteBuilder MapPatientEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(ExportPath, async (HttpContext http, MatrixService matrix, AuthenticationStateProvider auth, CancellationToken ct) =>
        {
            ((IHostEnvironmentAuthenticationStateProvider)auth).SetAuthenticationState(Task.FromResult(new AuthenticationState(http.User)));
            var q = http.Request.Query;
            var filter = MatrixQuery.Parse(q["status"], q["module"], q["overdue"], q["session"], q["q"]);
            var bytes = await matrix.ExportCsvAsync(filter, ct);
            http.Response.Headers.CacheControl = "no-store";
            return Results.File(bytes, "text/csv; charset=utf-8", $"clarity-patients-{DateTime.UtcNow:yyyyMMdd}.csv");
        }).RequireAuthorization(PortalPolicies.Staff);
        return app;
    }
}

/// <summary>The matrix filter in the address bar (shareable, back button) and in the export link; bad values are ignored.</summary>
public static class MatrixQuery
{
    public static MatrixFilter Parse(string? status, string? module, string? overdue, string? session, string? search, string? page = null) => new(
        Enum.TryParse<CellStatus>(status, true, out var s) && Enum.IsDefined(s) ? s : null,
        int.TryParse(module, out var m) && m > 0 ? m : null,
        overdue is "true" or "1",
        int.TryParse(session, out var d) && d is >= 0 and <= 366 ? d : null,
        string.IsNullOrWhiteSpace(search) ? null : search.Trim()[..Math.Min(search.Trim().Length, 100)],
        int.TryParse(page, out var p) && p > 0 ? p : 1);

    public static string ToQuery(MatrixFilter f)
    {
        var parts = new List<string>();
        if (f.Status is { } s)
        {
            parts.Add($"status={s}");
        }

        if (f.ModuleId is { } m)
        {
            parts.Add($"module={m}");
        }

        if (f.OverdueOnly)
        {
            parts.Add("overdue=true");
        }

        if (f.SessionWithinDays is { } d)
        {
            parts.Add($"session={d}");
        }

        if (!string.IsNullOrWhiteSpace(f.Search))
        {
            parts.Add($"q={Uri.EscapeDataString(f.Search)}");
        }

        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}
