using ClarityPortal.Data.Reminders;
using ClarityPortal.Web.Features.Reminders;

namespace ClarityPortal.UnitTests.Reminders;

public class ReminderRulesTests
{
    // Wednesday, 10:00 in the clinic.
    private static readonly DateTime Now = new(2026, 12, 2, 10, 0, 0);
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now);

    private static IReadOnlyList<ReminderItem> Due(
        IEnumerable<DueAssignment> assignments,
        IReadOnlyCollection<PastReminder>? past = null,
        DateTime? at = null,
        bool off = false
    ) => ReminderRules.Due(at ?? Now, assignments, past ?? [], off);

    [Theory]
    [InlineData(3, false)]
    [InlineData(2, true)]
    [InlineData(1, true)]
    [InlineData(0, true)]
    public void AModuleDueWithinTwoDaysIsRemindedOnce(int daysLeft, bool reminded)
    {
        var due = Today.AddDays(daysLeft);

        var items = Due([new DueAssignment(7, due, false)]);

        Assert.Equal(reminded ? [new ReminderItem(ReminderKind.DueSoon, 7, due)] : [], items);
        var given = new PastReminder(ReminderKind.DueSoon, 7, due, Today.AddDays(-1));
        Assert.Empty(Due([new DueAssignment(7, due, false)], [given]));
    }

    [Fact]
    public void AModuleThatBecameOverdueIsRemindedOnceEvenAfterItsDueSoonReminder()
    {
        var due = Today.AddDays(-1);
        var dueSoon = new PastReminder(ReminderKind.DueSoon, 7, due, Today.AddDays(-3));

        Assert.Equal([new ReminderItem(ReminderKind.Overdue, 7, due)], Due([new(7, due, false)], [dueSoon]));
        var overdue = new PastReminder(ReminderKind.Overdue, 7, due, Today.AddDays(-1));
        Assert.Empty(Due([new(7, due, false)], [dueSoon, overdue]));
    }

    [Fact]
    public void AFinishedModuleOrOneWithoutAPressingDateIsNotReminded()
    {
        Assert.Empty(Due([new(7, Today.AddDays(-4), true), new(8, Today, true), new(9, Today.AddDays(10), false)]));
    }

    [Fact]
    public void AMovedDueDateIsANewOccasion()
    {
        var old = new PastReminder(ReminderKind.DueSoon, 7, Today.AddDays(-5), Today.AddDays(-6));

        Assert.Equal(
            [new ReminderItem(ReminderKind.DueSoon, 7, Today.AddDays(1))],
            Due([new(7, Today.AddDays(1), false)], [old])
        );
    }

    [Fact]
    public void SeveralModulesGoInOneMailAndNothingMoreTheSameDay()
    {
        var items = Due([new(7, Today.AddDays(-2), false), new(8, Today.AddDays(1), false)]);

        Assert.Equal(
            [
                new ReminderItem(ReminderKind.Overdue, 7, Today.AddDays(-2)),
                new ReminderItem(ReminderKind.DueSoon, 8, Today.AddDays(1)),
            ],
            items
        );
        var earlierToday = new PastReminder(ReminderKind.DueSoon, 9, Today.AddDays(2), Today);
        Assert.Empty(Due([new(7, Today.AddDays(-2), false)], [earlierToday]));
    }

    [Theory]
    [InlineData(20, 59, true)]
    [InlineData(21, 0, false)]
    [InlineData(23, 30, false)]
    [InlineData(7, 59, false)]
    [InlineData(8, 0, true)]
    public void NothingIsSentInQuietHours(int hour, int minute, bool sent)
    {
        var at = Today.ToDateTime(new TimeOnly(hour, minute));

        Assert.Equal(sent, Due([new(7, Today, false)], at: at).Count > 0);
    }

    [Fact]
    public void SomeoneWhoTurnedRemindersOffGetsNone() => Assert.Empty(Due([new(7, Today, false)], off: true));

    [Fact]
    public void WhileSomethingStaysOverdueAWeeklyDigestFollowsAWeekAfterTheLastReminder()
    {
        var due = Today.AddDays(-10);
        var overdueGiven = new PastReminder(ReminderKind.Overdue, 7, due, Today.AddDays(-6));
        Assert.Empty(Due([new(7, due, false)], [overdueGiven])); // only 6 days since

        var weekAgo = overdueGiven with { ClinicDay = Today.AddDays(-7) };
        var week = ReminderRules.WeekOf(Today);
        Assert.Equal([new ReminderItem(ReminderKind.WeeklyDigest, 0, week)], Due([new(7, due, false)], [weekAgo]));

        var digestGiven = new PastReminder(ReminderKind.WeeklyDigest, 0, week, Today.AddDays(-1));
        Assert.Empty(Due([new(7, due, false)], [weekAgo, digestGiven]));
        Assert.Empty(Due([new(7, due, true)], [weekAgo])); // finished: no digest
    }

    [Fact]
    public void ModulesDueTheSameDayAreListedByModule()
    {
        var due = Today.AddDays(1);

        Assert.Equal(
            [
                new ReminderItem(ReminderKind.DueSoon, 3, due),
                new ReminderItem(ReminderKind.DueSoon, 8, due),
                new ReminderItem(ReminderKind.DueSoon, 9, due),
            ],
            Due([new(8, due, false), new(3, due, false), new(9, due, false)])
        );
    }

    [Fact]
    public void AModuleDueTodayIsNotOverdueSoStartsNoDigest()
    {
        // Its due-soon reminder went out long ago (the due day was moved back onto today): nothing is overdue yet.
        var given = new PastReminder(ReminderKind.DueSoon, 7, Today, Today.AddDays(-10));

        Assert.Empty(Due([new(7, Today, false)], [given]));
    }

    [Fact]
    public void TheDigestWaitsAWeekAfterTheMostRecentReminderNotTheOldest()
    {
        var overdue = new PastReminder(ReminderKind.Overdue, 7, Today.AddDays(-20), Today.AddDays(-19));
        var dueSoon = new PastReminder(ReminderKind.DueSoon, 8, Today.AddDays(1), Today.AddDays(-1));

        Assert.Empty(Due([new(7, Today.AddDays(-20), false), new(8, Today.AddDays(1), false)], [overdue, dueSoon]));
    }

    [Theory]
    [InlineData("2026-11-30", "2026-11-30")] // Monday
    [InlineData("2026-12-02", "2026-11-30")]
    [InlineData("2026-12-06", "2026-11-30")] // Sunday
    [InlineData("2026-12-07", "2026-12-07")]
    public void TheDigestWeekStartsOnMonday(string day, string monday) =>
        Assert.Equal(
            DateOnly.Parse(monday, System.Globalization.CultureInfo.InvariantCulture),
            ReminderRules.WeekOf(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture))
        );
}
