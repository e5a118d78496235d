using ClarityPortal.Web.Features.Progress;

namespace ClarityPortal.UnitTests.Progress;

public class ProgressRulesTests
{
    private static readonly ReadingOptions Defaults = new();
    private static readonly DateTime Now = new(2026, 11, 28, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(0, 5)] // never under 5 s
    [InlineData(50, 5)] // 30 % of 15 s is 4.5 s: the floor wins
    [InlineData(56, 5.04)] // just over the floor
    [InlineData(200, 18)] // 30 % of a minute
    [InlineData(1000, 90)]
    public void TheDwellNeededIsFiveSecondsOrThirtyPercentOfReadingTime(int words, double seconds) =>
        Assert.Equal(seconds, ProgressRules.RequiredSeconds(words, Defaults), precision: 2);

    [Fact]
    public void ASectionIsReadAtTheThresholdAndNotASecondBefore()
    {
        Assert.False(ProgressRules.IsRead(17.9, 200, hasExplorer: false, explorerComplete: false, Defaults));
        Assert.True(ProgressRules.IsRead(18, 200, hasExplorer: false, explorerComplete: false, Defaults));
    }

    [Fact]
    public void TheExplorerSectionAlsoNeedsEveryStepSeen()
    {
        Assert.False(ProgressRules.IsRead(600, 100, hasExplorer: true, explorerComplete: false, Defaults));
        Assert.True(ProgressRules.IsRead(600, 100, hasExplorer: true, explorerComplete: true, Defaults));
    }

    [Fact]
    public void ReportedSecondsAreClampedToTheTimeSinceTheSectionWasLastCounted()
    {
        // Scrolling past (or a forged report) cannot claim more time than has passed.
        Assert.Equal(3, ProgressRules.Clamp(40, Now.AddSeconds(-3), Now, Defaults));
        Assert.Equal(5, ProgressRules.Clamp(5, Now.AddSeconds(-30), Now, Defaults));
    }

    [Fact]
    public void AReportRepeatedAtOnceAddsNothing()
    {
        // The second tab (or a replay) reports right after the first: the section was just counted.
        Assert.Equal(0, ProgressRules.Clamp(5, Now, Now, Defaults));
    }

    [Theory]
    [InlineData(-5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void NegativeOrNonsenseSecondsCountAsZero(double reported) =>
        Assert.Equal(0, ProgressRules.Clamp(reported, Now.AddMinutes(-5), Now, Defaults));

    [Fact]
    public void OneReportCannotAddMoreThanTheCap() =>
        Assert.Equal(Defaults.MaxSecondsPerReport, ProgressRules.Clamp(10_000, Now.AddHours(-3), Now, Defaults));

    [Fact]
    public void ModuleTimeIsTheSumOfSectionTimes()
    {
        var progress = new ReaderProgress(
            1,
            50,
            ModuleStatus.InProgress,
            new HashSet<string> { "a" },
            new Dictionary<string, double> { ["a"] = 12.5, ["b"] = 7.5 },
            "b",
            false,
            2,
            1,
            [],
            null,
            null
        );

        Assert.Equal(20, progress.TotalSeconds);
    }

    [Theory]
    [InlineData(false, 0, 0, false, false, ModuleStatus.NotStarted)]
    [InlineData(true, 2, 0, false, false, ModuleStatus.InProgress)]
    [InlineData(true, 4, 1, false, false, ModuleStatus.InProgress)] // all read, a check unanswered
    [InlineData(true, 4, 2, false, false, ModuleStatus.ReadyToAcknowledge)]
    [InlineData(true, 4, 2, true, false, ModuleStatus.Complete)]
    [InlineData(true, 4, 2, true, true, ModuleStatus.NeedsReacknowledgement)] // a material revision since
    [InlineData(true, 3, 2, true, false, ModuleStatus.InProgress)] // a minor revision added a section
    public void CompletionNeedsEverySectionEveryCheckAndAnAcknowledgement(
        bool started,
        int read,
        int answered,
        bool acknowledged,
        bool materialChange,
        ModuleStatus expected
    ) => Assert.Equal(expected, ProgressRules.Status(started, 4, read, 2, answered, acknowledged, materialChange));

    [Fact]
    public void PercentCountsReadSectionsAndNeverPassesAHundred()
    {
        Assert.Equal(0, ProgressRules.Percent(0, 0));
        Assert.Equal(33, ProgressRules.Percent(3, 1));
        Assert.Equal(100, ProgressRules.Percent(3, 5));
    }

    [Theory]
    [InlineData(false, 1, 0, ModuleStatus.InProgress)] // a section read in another tab before this one started
    [InlineData(false, 0, 1, ModuleStatus.InProgress)] // a check answered
    [InlineData(false, 0, 0, ModuleStatus.NotStarted)]
    public void AnyReadingOrAnsweringMeansTheModuleIsInProgress(
        bool started,
        int read,
        int answered,
        ModuleStatus expected
    ) => Assert.Equal(expected, ProgressRules.Status(started, 4, read, 2, answered, false, false));

    [Fact]
    public void AModuleWithNoSectionsIsNeverReadyToAcknowledge()
    {
        // Nothing to read and nothing to answer is not "all done": a module without sections is a content fault.
        Assert.Equal(ModuleStatus.NotStarted, ProgressRules.Status(false, 0, 0, 0, 0, false, false));
        Assert.Equal(ModuleStatus.InProgress, ProgressRules.Status(true, 0, 0, 0, 0, false, false));
    }

    [Fact]
    public void AModuleWithASectionAndNoChecksIsReadyOnceTheSectionIsRead() =>
        Assert.Equal(ModuleStatus.ReadyToAcknowledge, ProgressRules.Status(true, 1, 1, 0, 0, false, false));
}
