namespace ClarityPortal.Web.Features.Progress;

/// <summary>Reading time for people: "45 s", "12 min", "1.5 h".</summary>
public static class ReadingTime
{
    public static string Format(double seconds) =>
        seconds < 60 ? $"{Math.Round(seconds)} s"
        : seconds < 3600 ? $"{Math.Round(seconds / 60)} min"
        : $"{seconds / 3600:0.#} h";
}
