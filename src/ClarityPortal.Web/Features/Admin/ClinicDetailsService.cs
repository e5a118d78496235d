using ClarityPortal.Data;
using ClarityPortal.Data.Audit;
using ClarityPortal.Web.Infrastructure;
using ClarityPortal.Web.Infrastructure.Audit;
using ClarityPortal.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;

namespace ClarityPortal.Web.Features.Admin;

/// <summary>Admins set how patients and visitors reach the clinic; every change is audited.</summary>
public sealed class ClinicDetailsService(
    ClinicInfo clinic,
    AuthorizationGuard guard,
    AuditLog audit,
    ClinicCalendar calendar,
    PublicPageCache publicPages,
    IDbContextFactory<ClarityDbContext> dbFactory
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

        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            await using var change = await audit.BeginAsync(db, ct);
            await ClinicInfo.ApplyAsync(db, real, PortalUser.DisplayName(user), calendar.UtcNow, ct);
            change.Record(user, AuditActions.ClinicDetailsChanged, "clinic", $"{real.Name}; {real.Phone}");
            await change.CommitAsync(ct);
        }

        await clinic.ForgetAsync(ct);
        await publicPages.EvictAsync(ct); // every page shows how to reach the clinic
        return null;
    }
}
