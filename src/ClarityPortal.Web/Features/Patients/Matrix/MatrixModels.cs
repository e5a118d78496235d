namespace ClarityPortal.Web.Features.Patients.Matrix;

public sealed record MatrixColumn(int ModuleId, string Slug, string Title);

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
