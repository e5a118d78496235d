using ClarityPortal.Data.Progress;
using ClarityPortal.Web.Features.Progress;

namespace ClarityPortal.UnitTests.Progress;

/// <summary>Which reading reports render the lesson page again: only those that change what the reader sees.</summary>
public class ReaderProgressTests
{
    private static readonly ReaderProgress Shown = new(
        RevisionId: 7,
        Percent: 40,
        Status: ModuleStatus.InProgress,
        ReadSections: new HashSet<string> { "intro", "nmda" },
        SecondsBySection: new Dictionary<string, double> { ["intro"] = 30, ["nmda"] = 45 },
        LastSectionKey: "nmda",
        ExplorerComplete: false,
        Checks: 2,
        ChecksAnswered: 1,
        ChangedSinceAcknowledged: [],
        AcknowledgedAt: null,
        AcknowledgedAs: null,
        EarlierAnswers: new Dictionary<int, int> { [3] = 1 }
    );

    [Fact]
    public void MoreSecondsAloneShowTheSame()
    {
        var later = Shown with
        {
            SecondsBySection = new Dictionary<string, double>
            {
                ["intro"] = 31,
                ["nmda"] = 50,
                ["glu"] = 4,
            },
            ReadSections = new HashSet<string> { "nmda", "intro" }, // another set, same sections
            EarlierAnswers = new Dictionary<int, int> { [3] = 1 },
        };

        Assert.True(later.ShowsTheSameAs(Shown));
    }

    public static TheoryData<string, ReaderProgress> Changes =>
        new()
        {
            {
                "a section read",
                Shown with
                {
                    ReadSections = new HashSet<string> { "intro", "nmda", "glu" },
                }
            },
            { "the percent", Shown with { Percent = 55 } },
            { "the status", Shown with { Status = ModuleStatus.Complete } },
            { "the place to continue from", Shown with { LastSectionKey = "glu" } },
            { "the explorer", Shown with { ExplorerComplete = true } },
            { "a check answered", Shown with { ChecksAnswered = 2 } },
            { "the checks", Shown with { Checks = 3 } },
            { "the revision", Shown with { RevisionId = 8 } },
            { "sections changed since", Shown with { ChangedSinceAcknowledged = ["Safety"] } },
            { "acknowledged", Shown with { AcknowledgedAt = new DateTime(2026, 11, 30, 0, 0, 0, DateTimeKind.Utc) } },
            { "how", Shown with { AcknowledgedAs = Acknowledgement.Understood } },
            { "an earlier answer", Shown with { EarlierAnswers = new Dictionary<int, int> { [3] = 2 } } },
            {
                "another earlier answer",
                Shown with
                {
                    EarlierAnswers = new Dictionary<int, int> { [3] = 1, [4] = 0 },
                }
            },
            { "no earlier answers", Shown with { EarlierAnswers = null } },
        };

    [Theory]
    [MemberData(nameof(Changes))]
    public void AnythingTheReaderSeesChangingShowsDifferently(string change, ReaderProgress later) =>
        Assert.False(later.ShowsTheSameAs(Shown), change);
}
