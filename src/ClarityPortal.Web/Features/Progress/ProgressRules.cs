namespace ClarityPortal.Web.Features.Progress;

/// <summary>Pure rules for what counts as read and where a module stands.</summary>
public static class ProgressRules
{
    /// <summary><c>max(MinSeconds, Fraction × words at WordsPerMinute)</c>.</summary>
    public static double RequiredSeconds(int words, ReadingOptions o) =>
        Math.Max(o.MinSeconds, o.Fraction * words / o.WordsPerMinute * 60);

    /// <summary>
    /// The seconds a report may add to a section: never negative or non-finite, never more than the time since that
    /// section was last counted (so two tabs or a replayed report cannot double-count), never more than the cap.
    /// </summary>
    public static double Clamp(double reported, DateTime lastCountedAt, DateTime now, ReadingOptions o)
    {
        // Stryker disable once Equality : at 0 both branches return 0 (min of 0, a non-negative elapsed and the cap)
        if (!double.IsFinite(reported) || reported <= 0)
        {
            return 0;
        }

        var elapsed = Math.Max(0, (now - lastCountedAt).TotalSeconds);
        return Math.Min(reported, Math.Min(elapsed, o.MaxSecondsPerReport));
    }

    /// <summary>
    /// A section is read after enough dwell; a section holding the explorer also needs every step seen.
    /// </summary>
    public static bool IsRead(
        double activeSeconds,
        int words,
        bool hasExplorer,
        bool explorerComplete,
        ReadingOptions o
    ) => activeSeconds >= RequiredSeconds(words, o) && (!hasExplorer || explorerComplete);

    public static int Percent(int sections, int read) =>
        // Stryker disable once Conditional : without the guard 0/0 is NaN, and (int)NaN is 0 since .NET 9
        sections == 0
            ? 0
            : (int)Math.Floor(100.0 * Math.Min(read, sections) / sections);

    public static ModuleStatus Status(
        bool started,
        int sections,
        int sectionsRead,
        int checks,
        int checksAnswered,
        bool acknowledged,
        bool materialChangeSinceAcknowledged
    )
    {
        if (acknowledged && materialChangeSinceAcknowledged)
        {
            return ModuleStatus.NeedsReacknowledgement;
        }

        var allDone = sectionsRead >= sections && checksAnswered >= checks;
        if (acknowledged && allDone)
        {
            return ModuleStatus.Complete;
        }

        if (allDone && sections > 0)
        {
            return ModuleStatus.ReadyToAcknowledge;
        }

        return started || sectionsRead > 0 || checksAnswered > 0 || acknowledged
            ? ModuleStatus.InProgress
            : ModuleStatus.NotStarted;
    }
}
