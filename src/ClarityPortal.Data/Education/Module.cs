namespace ClarityPortal.Data.Education;

/// <summary>
/// An education module. Its text lives in revisions; <see cref="CurrentRevisionId"/> is the one served.
/// </summary>
public class Module
{
    public int Id { get; set; }

    public string Slug { get; set; } = "";

    public string Title { get; set; } = "";

    public string Summary { get; set; } = "";

    public int Order { get; set; }

    public int EstimatedMinutes { get; set; }

    public bool IsPublished { get; set; }

    public int? CurrentRevisionId { get; set; }

    public ModuleRevision? CurrentRevision { get; set; }

    public List<ModuleRevision> Revisions { get; set; } = [];
}

public enum ChangeKind
{
    /// <summary>Wording or typo fixes: earlier completion stands.</summary>
    Minor = 0,

    /// <summary>A change in meaning: patients who completed the module acknowledge it again.</summary>
    Material = 1,
}

/// <summary>One published version of a module's text, immutable once written.</summary>
public class ModuleRevision
{
    public int Id { get; set; }

    public int ModuleId { get; set; }

    public Module? Module { get; set; }

    /// <summary>The version the content file declares (for example "1.2").</summary>
    public string Version { get; set; } = "";

    /// <summary>SHA-256 of the content file; the same hash means nothing changed.</summary>
    public string ContentHash { get; set; } = "";

    public DateTime PublishedAt { get; set; }

    public ChangeKind ChangeKind { get; set; }

    /// <summary>Flesch–Kincaid grade of the whole module, computed by our code.</summary>
    public double ReadingGrade { get; set; }

    public int WordCount { get; set; }

    /// <summary>Who signed off the clinical content of this revision (front matter <c>reviewed_by</c>).</summary>
    public string? ReviewedBy { get; set; }

    /// <summary>The day of that review (<c>reviewed_on</c>); a material change is refused without it.</summary>
    public DateOnly? ReviewedOn { get; set; }

    /// <summary>When the content is due for its next clinical review (<c>next_review</c>).</summary>
    public DateOnly? NextReviewOn { get; set; }

    /// <summary>The module's references as JSON (<c>[{"id","text","url"}]</c>).</summary>
    public string ReferencesJson { get; set; } = "[]";

    public string SourceFile { get; set; } = "";

    public List<Section> Sections { get; set; } = [];
}

/// <summary>A <c>##</c> section of a revision, with its Markdown body (custom blocks included).</summary>
public class Section
{
    public int Id { get; set; }

    public int RevisionId { get; set; }

    public ModuleRevision? Revision { get; set; }

    /// <summary>Stable anchor made from the title ("what-is-an-nmda-receptor").</summary>
    public string Key { get; set; } = "";

    public string Title { get; set; } = "";

    public int Order { get; set; }

    public int WordCount { get; set; }

    public double ReadingGrade { get; set; }

    public string Body { get; set; } = "";

    /// <summary>
    /// Steps of the mechanism explorer this section holds (0: none). Written by content sync, so reading progress knows
    /// what "every step seen" means without reading the Markdown or the component.
    /// </summary>
    public int ExplorerSteps { get; set; }

    public List<KnowledgeCheck> Checks { get; set; } = [];
}

/// <summary>A multiple-choice question. The correct answer never leaves the server.</summary>
public class KnowledgeCheck
{
    public int Id { get; set; }

    public int SectionId { get; set; }

    public Section? Section { get; set; }

    /// <summary>Position of the check within its section (0-based), to place it in the rendered text.</summary>
    public int Order { get; set; }

    public string Question { get; set; } = "";

    /// <summary>The options as JSON (<c>["…","…"]</c>).</summary>
    public string OptionsJson { get; set; } = "[]";

    public int CorrectOption { get; set; }

    public string Explanation { get; set; } = "";
}
