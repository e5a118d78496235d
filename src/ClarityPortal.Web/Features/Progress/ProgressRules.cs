namespace ClarityPortal.Web.Features.Progress;

/// <summary>The reading rule's numbers (DESIGN.md §6). Tests may shorten the dwell through configuration.</summary>
public sealed class ReadingOptions
{
    public const string Section = "Progress";

    /// <summary>Never less than this many seconds on screen.</summary>
    public double MinSeconds { get; set; } = 5;

    /// <summary>Share of the section's reading time (at <see cref="WordsPerMinute"/>) that must pass on screen.</summary>
    public double Fraction { get; set; } = 0.3;

    public double WordsPerMinute { get; set; } = 200;

    /// <summary>How often the browser sends what it measured.</summary>
    public int BatchSeconds { get; set; } = 5;

    /// <summary>The most one report may add to one section, whatever the browser claims.</summary>
    public double MaxSecondsPerReport { get; set; } = 60;
}

public enum ModuleStatus
{
    NotStarted,
    InProgress,
    ReadyToAcknowledge,
    Complete,
    NeedsReacknowledgement,
}

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
        if (!double.IsFinite(reported) || reported <= 0)
        {
            return 0;
        }

        var elapsed = Math.Max(0, (now - lastCountedAt).TotalSeconds);
        return Math.Min(reported, Math.Min(elapsed, o.MaxSecondsPerReport));
    }

    /// <summary>A section is read after enough dwell; a section holding the explorer also needs every step seen.</summary>
    public static bool IsRead(double activeSeconds, int words, bool hasExplorer, bool explorerComplete, ReadingOptions o) =>
        activeSeconds >= RequiredSeconds(words, o) && (!hasExplorer || explorerComplete);

    public static int Percent(int sections, int read) => sections == 0 ? 0 : (int)Math.Floor(100.0 * Math.Min(read, sections) / sections);

    public static ModuleStatus Status(
        bool started, int sections, int sectionsRead, int checks, int checksAnswered, bool acknowledged, bool materialChangeSinceAcknowledged)
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

        return started || sectionsRead > 0 || checksAnswered > 0 || acknowledged ? ModuleStatus.InProgress : ModuleStatus.NotStarted;
    }
}

/// <summary>Reading time for people: "45 s", "12 min", "1.5 h".</summary>
public static class ReadingTime
{
    public static string Format(double seconds) =>
        seconds < 60 ? $"{Math.Round(seconds)} s" : seconds < 3600 ? $"{Math.Round(seconds / 60)} min" : $"{seconds / 3600:0.#} h";
}
