using ClarityPortal.Data.Education;

namespace ClarityPortal.Web.Features.Education.Content;

/// <summary>A module file after parsing and validation, ready to become a revision.</summary>
public sealed record ParsedModule(
    string File,
    string Hash,
    string Slug,
    string Title,
    string Summary,
    int Order,
    int EstimatedMinutes,
    string Version,
    ChangeKind ChangeKind,
    IReadOnlyList<ModuleReference> References,
    IReadOnlyList<ParsedSection> Sections
)
{
    /// <summary>The clinical sign-off from the front matter.</summary>
    public ContentReview Review { get; init; } = ContentReview.None;

    public int WordCount => Sections.Sum(s => s.Readability.Words);

    public double ReadingGrade =>
        new Readability.Measure(
            Sections.Sum(s => s.Readability.Words),
            Sections.Sum(s => s.Readability.Sentences),
            Sections.Sum(s => s.Readability.Syllables)
        ).Grade;
}

public sealed record ParsedSection(
    string Key,
    string Title,
    string Body,
    IReadOnlyList<ParsedCheck> Checks,
    Readability.Measure Readability
);

public sealed record ParsedCheck(string Question, IReadOnlyList<string> Options, int CorrectOption, string Explanation);

public sealed record ModuleReference(string Id, string Text, string? Url);

/// <summary>Who reviewed a module's clinical content, when, and when it is due again.</summary>
public sealed record ContentReview(string? ReviewedBy, DateOnly? ReviewedOn, DateOnly? NextReview)
{
    public static readonly ContentReview None = new(null, null, null);
}

/// <summary>A content file that cannot be used, with the file and line to fix.</summary>
public sealed class ContentException(string file, int line, string problem) : Exception($"{file}:{line}: {problem}")
{
    public string File { get; } = file;

    public int Line { get; } = line;

    public string Problem { get; } = problem;
}
