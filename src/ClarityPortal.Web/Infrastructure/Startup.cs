using ClarityPortal.Data;
using ClarityPortal.Data.Identity;
using ClarityPortal.Data.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ClarityPortal.Web.Infrastructure;

/// <summary>
/// What runs once before the portal takes requests: migrations, roles, and the Development demo accounts.
/// </summary>
public static class Startup
{
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await app.MigrateDatabaseAsync();
        await using var scope = app.Services.CreateAsyncScope();
        await IdentitySeed.EnsureRolesAsync(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>());
        await using (
            var directory = await scope
                .ServiceProvider.GetRequiredService<IDbContextFactory<ClarityDbContext>>()
                .CreateDbContextAsync()
        )
        {
            await DirectorySeed.SeedAsync(
                directory,
                includeSamples: app.Environment.IsDevelopment()
                    && app.Configuration.GetValue("Seed:DemoAccounts", true),
                scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime
            );
        }

        // Demo accounts with known passwords exist only in Development, never in Production.
        if (app.Environment.IsDevelopment() && app.Configuration.GetValue("Seed:DemoAccounts", true))
        {
            var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<ClarityDbContext>>();
            await using var db = await factory.CreateDbContextAsync();
            var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
            await IdentitySeed.SeedDemoAccountsAsync(
                scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>(),
                db,
                clock.GetUtcNow().UtcDateTime
            );
        }
    }

    /// <summary>
    /// Development only, after content sync: sample patients for the demo clinician (see CaseloadSeed).
    /// </summary>
    public static async Task SeedDemoCaseloadAsync(this WebApplication app)
    {
        if (
            !app.Environment.IsDevelopment()
            || !app.Configuration.GetValue("Seed:DemoAccounts", true)
            || !app.Configuration.GetValue("Seed:DemoCaseload", true)
        )
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        await using var db = await scope
            .ServiceProvider.GetRequiredService<IDbContextFactory<ClarityDbContext>>()
            .CreateDbContextAsync();
        var calendar = scope.ServiceProvider.GetRequiredService<ClinicCalendar>();
        await CaseloadSeed.SeedAsync(
            scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>(),
            db,
            calendar.UtcNow,
            calendar.Today
        );
    }
}
