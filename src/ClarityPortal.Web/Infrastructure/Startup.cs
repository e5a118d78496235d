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

        // The clinic's details: made-up ones, marked as samples, only for the Development demo; elsewhere an admin
        // enters them (admins see a warning until then). Loaded now, so the first email is signed.
        var clinic = scope.ServiceProvider.GetRequiredService<ClinicInfo>();
        if (
            app.Environment.IsDevelopment()
            && app.Configuration.GetValue("Seed:DemoAccounts", true)
            && !(await clinic.GetAsync()).IsSet
        )
        {
            await clinic.SaveAsync(
                SampleClinic,
                "demo seed",
                scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime
            );
        }

        await clinic.GetAsync();

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

    /// <summary>Invented details for the demo, each marked as a sample so nobody mistakes them for real ones.</summary>
    public static readonly ClinicContact SampleClinic = new(
        "Sample Integrative Psychiatry (demo)",
        "(555) 010-0199",
        "100 Sample Street, Suite 2, Springfield (sample address)",
        "Mon–Fri 8:30 am–5:00 pm (sample hours)",
        "After hours, the on-call clinician answers at (555) 010-0100 (sample line).",
        "This is a sample privacy notice for the demo. A real clinic replaces it with its own notice of privacy "
            + "practices under HIPAA.",
        "These are sample terms for the demo. A real clinic replaces them with its own terms of use.",
        true
    );

    /// <summary>
    /// Development only, after content sync: sample patients for the demo clinician (see CaseloadSeed). Returns
    /// whether it added them.
    /// </summary>
    public static async Task<bool> SeedDemoCaseloadAsync(this WebApplication app)
    {
        if (
            !app.Environment.IsDevelopment()
            || !app.Configuration.GetValue("Seed:DemoAccounts", true)
            || !app.Configuration.GetValue("Seed:DemoCaseload", true)
        )
        {
            return false;
        }

        await using var scope = app.Services.CreateAsyncScope();
        await using var db = await scope
            .ServiceProvider.GetRequiredService<IDbContextFactory<ClarityDbContext>>()
            .CreateDbContextAsync();
        var calendar = scope.ServiceProvider.GetRequiredService<ClinicCalendar>();
        return await CaseloadSeed.SeedAsync(
            scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>(),
            db,
            calendar.UtcNow,
            calendar.Today
        );
    }

    /// <summary>
    /// <c>seed-load-patients N</c>, Development only: N patient accounts for the load driver (see LoadSeed).
    /// </summary>
    public static async Task<int> SeedLoadPatientsAsync(this WebApplication app, string[] args)
    {
        if (!app.Environment.IsDevelopment())
        {
            Console.Error.WriteLine($"{LoadSeed.Command} runs only in Development, against a throw-away database.");
            return 2;
        }

        if (args is not [_, var text] || !int.TryParse(text, out var count) || count is < 1 or > 20_000)
        {
            Console.Error.WriteLine($"Usage: {LoadSeed.Command} N (1 to 20000)");
            return 2;
        }

        await using var scope = app.Services.CreateAsyncScope();
        await using var db = await scope
            .ServiceProvider.GetRequiredService<IDbContextFactory<ClarityDbContext>>()
            .CreateDbContextAsync();
        var calendar = scope.ServiceProvider.GetRequiredService<ClinicCalendar>();
        var added = await LoadSeed.SeedAsync(
            scope.ServiceProvider.GetRequiredService<IPasswordHasher<ApplicationUser>>(),
            db,
            count,
            calendar.UtcNow,
            calendar.Today
        );
        Console.WriteLine($"{added} load patients added ({LoadSeed.Email(1)} … {LoadSeed.Email(count)}).");
        return 0;
    }
}
