namespace ClarityPortal.Web.Features.Progress;

/// <summary>The reading rule's numbers (DESIGN.md §6). Tests may shorten the dwell through configuration.</summary>
public sealed class ReadingOptions
{
    public const string Section = "Progress";

    /// <summary>Never less than this many seconds on screen.</summary>
    public double MinSeconds { get; set; } = 5;

    /// <summary>
    /// Share of the section's reading time (at <see cref="WordsPerMinute"/>) that must pass on screen.
    /// </summary>
    public double Fraction { get; set; } = 0.3;

    public double WordsPerMinute { get; set; } = 200;

    /// <summary>How often the browser sends what it measured.</summary>
    public int BatchSeconds { get; set; } = 5;

    /// <summary>The most one report may add to one section, whatever the browser claims.</summary>
    public double MaxSecondsPerReport { get; set; } = 60;
}
