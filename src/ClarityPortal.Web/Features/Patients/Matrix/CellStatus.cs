namespace ClarityPortal.Web.Features.Patients.Matrix;

/// <summary>What a clinician sees in one cell of the roster × modules matrix.</summary>
public enum CellStatus
{
    NotAssigned,
    NotStarted,
    InProgress,
    Complete,
    NeedsReacknowledgement,
    Overdue,
}
