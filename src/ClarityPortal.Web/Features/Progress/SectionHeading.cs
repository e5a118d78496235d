namespace ClarityPortal.Web.Features.Progress;

/// <summary>A section as the progress header names it: its anchor and title (the reader passes them in).</summary>
public sealed record SectionHeading(string Key, string Title);
