using ClarityPortal.Web.Features.Patients.Matrix;

namespace ClarityPortal.Web.Features.Patients.Record;

public enum TimelineKind
{
    Joined,
    Assigned,
    Started,
    SectionRead,
    CheckAnswered,
    Acknowledged,
    Question,
    Reminder,
}

/// <summary>
/// One line of a patient's timeline. Text is the patient's or our content's, always rendered as plain text.
/// </summary>
public sealed record TimelineEvent(
    DateTime At,
    TimelineKind Kind,
    string? Module,
    string Title,
    string? Detail = null,
    double? Seconds = null,
    bool Missed = false
);

public sealed record SectionTime(string Title, double Seconds, DateTime? ReadAt);

public sealed record ModuleSummary(
    int ModuleId,
    string Title,
    string Slug,
    MatrixCell Cell,
    int SectionsRead,
    int Sections,
    double Seconds,
    IReadOnlyList<SectionTime> SectionTimes,
    DateTime? AssignedAt
);

public sealed record PatientDetail(
    string Id,
    string Name,
    string Email,
    DateTime JoinedAt,
    DateOnly? NextSessionOn,
    IReadOnlyList<CareTeamMember> CareTeam,
    IReadOnlyList<ModuleSummary> Modules,
    IReadOnlyList<TimelineEvent> Timeline,
    DateOnly Today,
    bool RemindersOff = false,
    bool RemindersPausedByCareTeam = false
)
{
    /// <summary>Every second counted in any section; equal to the sum of the module totals.</summary>
    public double TotalSeconds => Modules.Sum(m => m.Seconds);
}
