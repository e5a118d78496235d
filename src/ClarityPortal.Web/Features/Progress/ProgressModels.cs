using ClarityPortal.Data.Contact;
using ClarityPortal.Data.Progress;

namespace ClarityPortal.Web.Features.Progress;

/// <summary>Where a signed-in patient stands in the module they are reading.</summary>
public sealed record ReaderProgress(
    int RevisionId,
    int Percent,
    ModuleStatus Status,
    IReadOnlySet<string> ReadSections,
    IReadOnlyDictionary<string, double> SecondsBySection,
    string? LastSectionKey,
    bool ExplorerComplete,
    int Checks,
    int ChecksAnswered,
    IReadOnlyList<string> ChangedSinceAcknowledged,
    DateTime? AcknowledgedAt,
    Acknowledgement? AcknowledgedAs,
    IReadOnlyDictionary<int, int>? EarlierAnswers = null
)
{
    public double TotalSeconds => SecondsBySection.Values.Sum();

    /// <summary>The option the patient last chose for a check of this revision (matched by place), if any.</summary>
    public int? EarlierAnswer(int checkId) => EarlierAnswers?.TryGetValue(checkId, out var o) == true ? o : null;

    /// <summary>
    /// True when a reader would see no difference between the two: only the seconds counted differ, which the lesson
    /// page does not show. Most reading reports only add seconds; the page is not rendered again for them.
    /// </summary>
    public bool ShowsTheSameAs(ReaderProgress other) =>
        RevisionId == other.RevisionId
        && Percent == other.Percent
        && Status == other.Status
        && ReadSections.SetEquals(other.ReadSections)
        && LastSectionKey == other.LastSectionKey
        && ExplorerComplete == other.ExplorerComplete
        && Checks == other.Checks
        && ChecksAnswered == other.ChecksAnswered
        && ChangedSinceAcknowledged.SequenceEqual(other.ChangedSinceAcknowledged)
        && AcknowledgedAt == other.AcknowledgedAt
        && AcknowledgedAs == other.AcknowledgedAs
        && (EarlierAnswers ?? Empty).Count == (other.EarlierAnswers ?? Empty).Count
        && (EarlierAnswers ?? Empty).All(a => other.EarlierAnswer(a.Key) == a.Value);

    private static readonly IReadOnlyDictionary<int, int> Empty = new Dictionary<int, int>();
}

/// <summary>The server's answer to a report or an action: accepted with the new state, or refused with why.</summary>
public sealed record ProgressOutcome(bool Accepted, string? Problem, ReaderProgress? Progress)
{
    public static ProgressOutcome Refused(string problem) => new(false, problem, null);

    public static ProgressOutcome Ok(ReaderProgress progress) => new(true, null, progress);
}

public sealed record DashboardModule(
    string Slug,
    string Title,
    int Percent,
    ModuleStatus Status,
    double Seconds,
    DateTime? LastActivityAt,
    IReadOnlyList<string> ChangedSinceAcknowledged,
    bool Assigned = false,
    DateOnly? DueOn = null,
    string? NextSectionKey = null,
    string? NextSectionTitle = null
)
{
    /// <summary>Where "Continue" opens this lesson: the first unread section, else the end to finish it.</summary>
    public string ContinueHref => $"/learn/{Slug}#{NextSectionKey ?? "ack-title"}";
}

/// <summary>A published lesson the patient has neither started nor been assigned.</summary>
public sealed record DashboardLesson(string Slug, string Title);

public sealed record PatientDashboard(
    IReadOnlyList<DashboardModule> Modules,
    IReadOnlyList<DashboardLesson> MoreLessons,
    string Name,
    DateOnly? NextSessionOn
)
{
    /// <summary>The lesson to go on with: the first unfinished one (due soonest first).</summary>
    public DashboardModule? Next => Modules.FirstOrDefault(m => m.Status != ModuleStatus.Complete);

    /// <summary>Assigned lessons not yet complete: what to finish before the next session.</summary>
    public IReadOnlyList<DashboardModule> ToFinish =>
        [.. Modules.Where(m => m.Assigned && m.Status != ModuleStatus.Complete)];

    public double TotalSeconds => Modules.Sum(m => m.Seconds);
}
