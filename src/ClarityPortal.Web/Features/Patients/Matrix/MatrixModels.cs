namespace ClarityPortal.Web.Features.Patients.Matrix;

public sealed record MatrixColumn(int ModuleId, string Slug, string Title)
{
    /// <summary>What fits a column header; the full title goes on hover and to screen readers.</summary>
    public string ShortTitle => MatrixRules.ShortTitle(Title);
}

/// <summary>An invitation the patient has not accepted yet, shown under the patients so the roster is whole.</summary>
public sealed record PendingInvitation(string Name, string Email, DateTime SentAt, DateTime ExpiresAt, bool Expired);

public sealed record MatrixCell(
    int ModuleId,
    CellStatus Status,
    int Percent,
    DateOnly? DueOn,
    bool Assigned,
    int OpenQuestions = 0
)
{
    public string Label => MatrixRules.Label(Status, Percent);
}

public sealed record MatrixRow(
    string PatientId,
    string Name,
    string Email,
    DateOnly? NextSessionOn,
    IReadOnlyList<MatrixCell> Cells
);

public sealed record MatrixView(
    IReadOnlyList<MatrixColumn> Columns,
    IReadOnlyList<MatrixRow> Rows,
    int Total,
    int Page,
    int PageCount,
    DateOnly Today
);

public sealed record SessionReadiness(MatrixRow Patient, IReadOnlyList<string> NotCompleted);

public sealed record ModuleCompletion(string Title, int Complete, int InProgress, int NotStarted, int Overdue);

public sealed record ClinicianOverview(
    IReadOnlyList<SessionReadiness> ReadyForSession,
    IReadOnlyList<ModuleCompletion> Completion,
    int Patients,
    int PatientsBehind,
    int OverdueModules
);
