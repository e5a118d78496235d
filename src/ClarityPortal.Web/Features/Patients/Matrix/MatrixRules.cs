using System.Linq.Expressions;
using ClarityPortal.Web.Features.Progress;

namespace ClarityPortal.Web.Features.Patients.Matrix;

/// <summary>Pure rules for the matrix cells.</summary>
public static class MatrixRules
{
    /// <summary>
    /// Re-acknowledgement wins (the patient has work to do whatever the date); then complete; then an assigned module
    /// past its due day is overdue; otherwise the reading status. A module read without being assigned still shows.
    /// </summary>
    public static CellStatus Cell(bool assigned, DateOnly? due, DateOnly today, ModuleStatus status) =>
        CompiledCell(assigned, due, today, status);

    /// <summary>
    /// <see cref="Cell"/> as an expression, the one source of the rule: compiled for <see cref="Cell"/>, and
    /// translated to SQL by EF when the matrix filters on a status (MatrixService), so both always agree.
    /// </summary>
    public static readonly Expression<Func<bool, DateOnly?, DateOnly, ModuleStatus, CellStatus>> CellRule = (
        assigned,
        due,
        today,
        status
    ) =>
        status == ModuleStatus.NeedsReacknowledgement ? CellStatus.NeedsReacknowledgement
        : status == ModuleStatus.Complete ? CellStatus.Complete
        : assigned && due != null && due < today ? CellStatus.Overdue
        : status == ModuleStatus.NotStarted ? (assigned ? CellStatus.NotStarted : CellStatus.NotAssigned)
        : CellStatus.InProgress;

    private static readonly Func<bool, DateOnly?, DateOnly, ModuleStatus, CellStatus> CompiledCell = CellRule.Compile();

    /// <summary>The status alone, for filters ("In progress", "Overdue").</summary>
    public static string Name(CellStatus status) =>
        status switch
        {
            CellStatus.InProgress => "In progress",
            CellStatus.Overdue => "Overdue",
            _ => Label(status, 0),
        };

    public static string Label(CellStatus status, int percent) =>
        status switch
        {
            CellStatus.NotAssigned => "Not assigned",
            CellStatus.NotStarted => "Not started",
            CellStatus.InProgress => $"In progress {percent}%",
            CellStatus.Complete => "Complete",
            CellStatus.NeedsReacknowledgement => "Needs re-acknowledgement",
            CellStatus.Overdue => $"Overdue ({percent}%)",
            _ => status.ToString(),
        };

    /// <summary>
    /// A header short enough for a column: the part before a colon ("Safety: is KAP right for me…" → "Safety"),
    /// else the title if it is short, else its first words within 22 characters and an ellipsis.
    /// </summary>
    public static string ShortTitle(string title)
    {
        const int Fit = 22;
        var colon = title.IndexOf(':', StringComparison.Ordinal);
        var head = (colon > 0 ? title[..colon] : title).Trim();
        if (head.Length <= Fit)
        {
            return head;
        }

        var cut = head.LastIndexOf(' ', Fit);
        // Stryker disable once Equality : head is trimmed, so a space is never at 0 and cut >= 0 is cut > 0
        return (cut > 0 ? head[..cut] : head[..Fit]).TrimEnd(',', ';', ' ') + "…";
    }
}
