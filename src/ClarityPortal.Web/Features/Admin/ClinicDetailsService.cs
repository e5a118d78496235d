using ClarityPortal.Data.Audit;
using ClarityPortal.Web.Infrastructure;
using ClarityPortal.Web.Infrastructure.Audit;
using ClarityPortal.Web.Infrastructure.Identity;

namespace ClarityPortal.Web.Features.Admin;

/// <summary>Admins set how patients and visitors reach the clinic; every change is audited.</summary>
public sealed class ClinicDetailsService(
    ClinicInfo clinic,
    AuthorizationGuard guard,
    AuditLog audit,
    ClinicCalendar calendar
)
{
    public async Task<ClinicContact> GetAsync(CancellationToken ct = default)
    {
        await guard.RequireAsync(PortalPolicies.Admin);
        return await clinic.GetAsync(ct);
    }

    /// <summary>Saves the details (no longer samples once an admin saves them); a problem, or null.</summary>
    public async Task<string?> SaveAsync(ClinicContact details, CancellationToken ct = default)
    {
        var user = await guard.RequireAsync(PortalPolicies.Admin);
        var real = details with { IsSample = false };
        if (real.Problem() is { } problem)
        {
            return problem;
        }

        await clinic.SaveAsync(real, PortalUser.DisplayName(user), calendar.UtcNow, ct);
        await audit.RecordAsync(user, AuditActions.ClinicDetailsChanged, "clinic", $"{real.Name}; {real.Phone}", ct);
        return null;
    }
}
