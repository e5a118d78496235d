using ClarityPortal.Data.Seeding;
using ClarityPortal.Web.Features.Education;
using ClarityPortal.Web.Features.Progress;
using ClarityPortal.Web.Infrastructure;
using ClarityPortal.Web.Infrastructure.Audit;
using ClarityPortal.Web.Infrastructure.Identity;

namespace ClarityPortal.Web;

/// <summary>
/// The composition root's start-up steps, beside Program.cs: prepare the database, sync the content, seed the
/// Development demo data, and run a command-line command instead of the web app when one is given.
/// </summary>
public static class PortalStartup
{
    /// <summary>Returns an exit code when a command ran (the app then stops), or null to start serving.</summary>
    public static async Task<int?> PrepareAsync(this WebApplication app, string[] args)
    {
        await app.PrepareDatabaseAsync();
        if (args is [AuditCommand.Name, ..])
        {
            return await AuditCommand.RunAsync(app.Services, Console.Out); // before anything is written
        }

        await app.Services.GetRequiredService<AuditLog>().UpgradeUnkeyedChainAsync();
        var synced = await app.Services.SyncContentAsync();
        if (await app.SeedDemoCaseloadAsync())
        {
            await app.Services.RebuildProgressSummariesAsync(); // the seed writes progress rows directly
        }
        if (CreateAdminCommand.IsRequested(args))
        {
            return await CreateAdminCommand.RunAsync(app.Services, args, Console.In, Console.Out);
        }

        if (args is [LoadSeed.Command, ..])
        {
            var seeded = await app.SeedLoadPatientsAsync(args);
            if (seeded == 0)
            {
                await app.Services.RebuildProgressSummariesAsync(); // the seed writes assignments directly
            }

            return seeded;
        }

        if (args is [EducationSetup.SyncCommand, ..])
        {
            synced.ToList().ForEach(r => Console.WriteLine($"{r.Outcome, -10} {r.File}: {r.Message}"));
            return synced.Any(r => r.Outcome == SyncOutcome.Rejected) ? 1 : 0;
        }

        await app.EnsureSafeToServeAsync(); // outside Development: every unsafe setting named, or no start
        return null;
    }
}
