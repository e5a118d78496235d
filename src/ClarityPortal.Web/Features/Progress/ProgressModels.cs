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
    Acknowledgement? AcknowledgedAs
)
{
    public double TotalSeconds => SecondsBySection.Values.Sum();
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
    DateOnly? DueOn = null
);

public sealed record PatientDashboard(IReadOnlyList<DashboardModule> Modules)
{
    public double TotalSeconds => Modules.Sum(m => m.Seconds);
}
