using System.Text.Json.Serialization;
using ClarityPortal.Data.Education;
using ClarityPortal.Web.Features.Education.Content;

namespace ClarityPortal.Web.Features.Education;

/// <summary>A module card in the catalog.</summary>
public sealed record ModuleCard(
    string Slug,
    string Title,
    string Summary,
    int Order,
    int Minutes,
    double Grade,
    int Sections
);

/// <summary>A module ready to read: its sections as rendered blocks, references, and neighbours.</summary>
public sealed record ModuleView(
    int RevisionId,
    string Slug,
    string Title,
    string Summary,
    int Minutes,
    string Version,
    DateTime PublishedAt,
    double Grade,
    IReadOnlyList<SectionView> Sections,
    IReadOnlyList<ReferenceView> References,
    ModuleLink? Previous,
    ModuleLink? Next
);

public sealed record SectionView(int Id, string Key, string Title, IReadOnlyList<BlockView> Blocks);

[JsonPolymorphic(TypeDiscriminatorPropertyName = "$kind")]
[JsonDerivedType(typeof(HtmlBlockView), "html")]
[JsonDerivedType(typeof(ComponentBlockView), "component")]
[JsonDerivedType(typeof(CheckBlockView), "check")]
public abstract record BlockView;

/// <summary>Sanitized HTML produced by <see cref="ContentRenderer"/> from reviewed content.</summary>
public sealed record HtmlBlockView(string Html) : BlockView;

public sealed record ComponentBlockView(string Name) : BlockView;

/// <summary>A check as the reader sees it: no correct answer here, it stays on the server.</summary>
public sealed record CheckBlockView(int CheckId, string Question, IReadOnlyList<string> Options) : BlockView;

public sealed record ReferenceView(string Id, string Html, string? Url);

public sealed record ModuleLink(string Slug, string Title);

/// <summary>The server's verdict on one answer.</summary>
public sealed record CheckResult(bool Accepted, bool Correct, int CorrectOption, string Explanation, string? Problem)
{
    /// <summary>The check and option judged (for an accepted answer).</summary>
    public int CheckId { get; init; }

    public int Option { get; init; } = -1;

    public static CheckResult Rejected(string problem) => new(false, false, -1, "", problem);
}

/// <summary>For admins: a module's revisions and per-section grades.</summary>
public sealed record ModuleAdminView(
    string Slug,
    string Title,
    bool IsPublished,
    int Order,
    string? CurrentVersion,
    double? CurrentGrade,
    IReadOnlyList<RevisionAdminView> Revisions,
    IReadOnlyList<SectionGradeView> Sections
)
{
    /// <summary>The current revision's clinical sign-off (empty before the first one).</summary>
    public ContentReview Review { get; init; } = ContentReview.None;

    /// <summary>The next review day has passed (clinic calendar).</summary>
    public bool ReviewOverdue { get; init; }
}

public sealed record RevisionAdminView(
    int Id,
    string Version,
    ChangeKind ChangeKind,
    DateTime PublishedAt,
    double Grade,
    int Words,
    string Hash,
    bool IsCurrent
);

public sealed record SectionGradeView(string Title, int Words, double Grade);
