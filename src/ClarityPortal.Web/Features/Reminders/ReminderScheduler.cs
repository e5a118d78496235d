using ClarityPortal.Data;
using ClarityPortal.Data.Reminders;
using ClarityPortal.Web.Features.Contact;
using ClarityPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClarityPortal.Web.Features.Reminders;

public sealed class ReminderOptions
{
    public const string Section = "Reminders";

    public bool Enabled { get; set; } = true;

    /// <summary>How often due reminders are looked for; the first look comes shortly after start.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan FirstRunAfter { get; set; } = TimeSpan.FromSeconds(20);
}

/// <summary>
/// Runs <see cref="ReminderRun"/> and the care team's daily alert digests every
/// <see cref="ReminderOptions.Interval"/>. Due work is found in the database, not kept in memory, so a restart loses
/// nothing; a lease row makes sure only one instance runs at a time.
/// </summary>
public sealed class ReminderScheduler(
    IServiceScopeFactory scopes,
    IOptions<ReminderOptions> options,
    PortalRoot root,
    CareTeamAlerts alerts,
    ClinicCalendar calendar,
    TimeProvider clock,
    ILogger<ReminderScheduler> logger
) : BackgroundService
{
    public const string LeaseName = "reminders";

    /// <summary>This process, as a lease holder.</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        await Task.Delay(options.Value.FirstRunAfter, clock, stoppingToken);
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "The reminder run failed; it is tried again at the next interval.");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Claims the lease and runs; returns the mails queued, or null when another instance holds it.</summary>
    public async Task<int?> RunOnceAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var dbFactory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<ClarityDbContext>>();
        if (!await ClaimAsync(dbFactory, Owner, LeaseName, options.Value.Interval, clock, ct))
        {
            return null;
        }

        var mails = await scope.ServiceProvider.GetRequiredService<ReminderRun>().RunAsync(root.Value, ct);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            await alerts.SendDigestsAsync(db, calendar.ToLocal(calendar.UtcNow), ct);
        }

        return mails;
    }

    /// <summary>
    /// Takes the lease when it is free, expired or already ours, in one statement; the first claim inserts the row
    /// (a second inserter fails on the key and counts as not claimed).
    /// </summary>
    public static async Task<bool> ClaimAsync(
        IDbContextFactory<ClarityDbContext> dbFactory,
        string owner,
        string name,
        TimeSpan length,
        TimeProvider clock,
        CancellationToken ct = default
    )
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + length - TimeSpan.FromSeconds(5); // free again just before the holder's next tick
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var taken = await db
            .SchedulerLeases.Where(l => l.Name == name && (l.Until <= now || l.Owner == owner))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Owner, owner).SetProperty(l => l.Until, until), ct);
        if (taken == 1)
        {
            return true;
        }

        if (await db.SchedulerLeases.AnyAsync(l => l.Name == name, ct))
        {
            return false;
        }

        db.SchedulerLeases.Add(
            new SchedulerLease
            {
                Name = name,
                Owner = owner,
                Until = until,
            }
        );
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
    }
}
