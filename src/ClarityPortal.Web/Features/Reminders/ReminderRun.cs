using ClarityPortal.Data;
using ClarityPortal.Data.Identity;
using ClarityPortal.Data.Reminders;
using ClarityPortal.Web.Features.Progress;
using ClarityPortal.Web.Infrastructure;
using ClarityPortal.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;

namespace ClarityPortal.Web.Features.Reminders;

/// <summary>
/// One pass over every patient with a pressing due date: works out who is due which reminder
/// (<see cref="ReminderRules"/>), and writes each patient's reminders and their one mail in one save. The unique
/// index on reminders makes a second writer's save fail rather than mail twice.
/// </summary>
public sealed class ReminderRun(
    IDbContextFactory<ClarityDbContext> dbFactory,
    ClinicCalendar calendar,
    Outbox outbox,
    ReminderLinks links,
    ILogger<ReminderRun> logger
)
{
    public const string Subject = "You have learning to finish in Clarity Portal";

    /// <summary>Returns the number of mails queued; <paramref name="portalRoot"/> starts every link.</summary>
    public async Task<int> RunAsync(string portalRoot, CancellationToken ct = default)
    {
        var utc = calendar.UtcNow;
        var local = calendar.ToLocal(utc);
        if (ReminderRules.IsQuiet(TimeOnly.FromDateTime(local)))
        {
            return 0;
        }

        var today = DateOnly.FromDateTime(local);
        var horizon = today.AddDays(ReminderRules.DueSoonDays);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var patientIds = db
            .Users.Where(u =>
                u.Kind == UserKind.Patient
                && u.DeactivatedAt == null
                && !u.RemindersOff
                && !u.RemindersPausedByCareTeam
                && u.Email != null
                && db.ModuleAssignments.Any(a => a.PatientId == u.Id && a.DueOn != null && a.DueOn <= horizon)
            )
            .Select(u => u.Id);
        var patients = await db
            .Users.Where(u => patientIds.Contains(u.Id))
            .Select(u => new
            {
                u.Id,
                u.Email,
                u.ReminderLinkVersion,
            })
            .ToListAsync(ct);
        if (patients.Count == 0)
        {
            return 0;
        }

        var assignments = (
            await db
                .ModuleAssignments.Where(a => patientIds.Contains(a.PatientId) && a.DueOn != null && a.DueOn <= horizon)
                .Select(a => new
                {
                    a.PatientId,
                    a.ModuleId,
                    DueOn = a.DueOn!.Value,
                })
                .ToListAsync(ct)
        ).ToLookup(a => a.PatientId);
        var past = (
            await db
                .RemindersSent.Where(r => patientIds.Contains(r.PatientId))
                .Select(r => new { r.PatientId, Past = new PastReminder(r.Kind, r.ModuleId, r.Occasion, r.ClinicDay) })
                .ToListAsync(ct)
        ).ToLookup(r => r.PatientId, r => r.Past);
        var snapshot = await ProgressFacts.LoadAsync(db, patientIds, ct: ct);
        var published = snapshot.Modules.Select(m => m.Id).ToHashSet();

        var mails = 0;
        foreach (var patient in patients)
        {
            var due = ReminderRules.Due(
                local,
                assignments[patient.Id]
                    .Where(a => published.Contains(a.ModuleId))
                    .Select(a => new DueAssignment(
                        a.ModuleId,
                        a.DueOn,
                        snapshot.StatusOf(a.ModuleId, patient.Id) == ModuleStatus.Complete
                    )),
                [.. past[patient.Id]],
                turnedOff: false
            );
            if (due.Count == 0)
            {
                continue;
            }

            foreach (var item in due)
            {
                db.RemindersSent.Add(
                    new ReminderSent
                    {
                        PatientId = patient.Id,
                        Kind = item.Kind,
                        ModuleId = item.ModuleId,
                        Occasion = item.Occasion,
                        ClinicDay = today,
                        SentAt = utc,
                    }
                );
            }

            var token = links.Token(patient.Id, patient.ReminderLinkVersion);
            outbox.Enqueue(
                db,
                patient.Email!,
                Subject,
                Body(portalRoot, token, due),
                unsubscribeUrl: $"{portalRoot}{ReminderLinks.OneClickPath}?token={token}"
            );
            try
            {
                await db.SaveChangesAsync(ct);
                mails++;
            }
            catch (DbUpdateException)
            {
                // Another run gave this reminder first (the unique index): drop ours, mail nothing.
                db.ChangeTracker.Clear();
                logger.LogInformation("A reminder was already given by another run; skipped.");
            }
        }

        if (mails > 0)
        {
            outbox.Kick();
        }

        logger.LogInformation("Reminder run: {Mails} mails queued for {Patients} patients", mails, patients.Count);
        return mails;
    }

    /// <summary>No module titles, no condition, no medicine: those are for after sign-in.</summary>
    public static string Body(string root, string token, IReadOnlyList<ReminderItem> due)
    {
        var what = due.Any(d => d.Kind is ReminderKind.Overdue or ReminderKind.WeeklyDigest)
            ? "Some of the learning your care team gave you is past its due date."
            : "Some of the learning your care team gave you is due soon.";
        return "Hello,\n\n"
            + $"{what} Sign in to see what is waiting for you:\n{root}/my\n\n"
            + "If you have questions, you can ask your care team in the portal, or call the clinic.\n\n"
            + $"To stop these reminder emails, open this link:\n{root}{ReminderLinks.PagePath}?token={token}\n"
            + "You can also change this on the My account page.\n\n"
            + "If you are in crisis, call 911, or call or text 988 (Suicide & Crisis Lifeline).\n";
    }
}
