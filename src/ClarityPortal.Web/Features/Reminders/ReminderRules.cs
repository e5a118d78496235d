using ClarityPortal.Data.Reminders;

namespace ClarityPortal.Web.Features.Reminders;

/// <summary>An assigned module with a due date, and whether the patient has finished it.</summary>
public sealed record DueAssignment(int ModuleId, DateOnly DueOn, bool Finished);

/// <summary>A reminder already given.</summary>
public sealed record PastReminder(ReminderKind Kind, int ModuleId, DateOnly Occasion, DateOnly ClinicDay);

/// <summary>A reminder to give now.</summary>
public sealed record ReminderItem(ReminderKind Kind, int ModuleId, DateOnly Occasion);

/// <summary>
/// Which reminders a patient is due, from the clinic's local time: a module due within two days, a module that
/// became overdue (each once per due date), and a weekly digest while anything stays overdue. At most one mail a day,
/// none between 21:00 and 08:00, none for someone who turned them off.
/// </summary>
public static class ReminderRules
{
    public const int DueSoonDays = 2;
    public const int DigestEveryDays = 7;
    public static readonly TimeOnly QuietFrom = new(21, 0);
    public static readonly TimeOnly QuietUntil = new(8, 0);

    public static bool IsQuiet(TimeOnly clinicTime) => clinicTime >= QuietFrom || clinicTime < QuietUntil;

    /// <summary>The Monday of <paramref name="day"/>'s week: the digest's occasion.</summary>
    public static DateOnly WeekOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    public static IReadOnlyList<ReminderItem> Due(
        DateTime clinicNow,
        IEnumerable<DueAssignment> assignments,
        IReadOnlyCollection<PastReminder> past,
        bool turnedOff
    )
    {
        var today = DateOnly.FromDateTime(clinicNow);
        if (turnedOff || IsQuiet(TimeOnly.FromDateTime(clinicNow)) || past.Any(p => p.ClinicDay == today))
        {
            return [];
        }

        bool Given(ReminderKind kind, int moduleId, DateOnly occasion) =>
            past.Any(p => p.Kind == kind && p.ModuleId == moduleId && p.Occasion == occasion);

        var open = assignments.Where(a => !a.Finished).ToList();
        var items = new List<ReminderItem>();
        foreach (var a in open.OrderBy(a => a.DueOn).ThenBy(a => a.ModuleId))
        {
            var daysLeft = a.DueOn.DayNumber - today.DayNumber;
            var kind = daysLeft < 0 ? ReminderKind.Overdue : ReminderKind.DueSoon;
            if (daysLeft <= DueSoonDays && !Given(kind, a.ModuleId, a.DueOn))
            {
                items.Add(new ReminderItem(kind, a.ModuleId, a.DueOn));
            }
        }

        if (items.Count > 0 || !open.Any(a => a.DueOn < today))
        {
            return items;
        }

        // Nothing new, but something stays overdue: a digest, once a week and a week after any other reminder.
        var week = WeekOf(today);
        // Stryker disable once Conditional : never empty here: an overdue module with no new item had its reminder
        var last = past.Count == 0 ? (DateOnly?)null : past.Max(p => p.ClinicDay);
        return
            !Given(ReminderKind.WeeklyDigest, 0, week)
            && (last is null || today.DayNumber - last.Value.DayNumber >= DigestEveryDays)
            ? [new ReminderItem(ReminderKind.WeeklyDigest, 0, week)]
            : [];
    }
}
