using ClarityPortal.Data.Education;
using ClarityPortal.Data.Identity;

namespace ClarityPortal.Data.Progress;

/// <summary>
/// Where a patient stands in a published module, kept so the clinician matrix can filter, sort and page in SQL
/// (docs/adr/0010-matrix-summary-in-sql.md). Derived and rebuildable: one row per patient and module that is
/// assigned or started, none otherwise (a "not assigned" cell). Only the progress feature writes it, in the same
/// transaction as every write that changes it — reading, answers, acknowledgements, assignments, a new revision.
/// </summary>
public class ProgressSummary
{
    public string PatientId { get; set; } = "";

    public ApplicationUser? Patient { get; set; }

    public int ModuleId { get; set; }

    public Module? Module { get; set; }

    /// <summary>The module is assigned to the patient (a copy of the assignment row's existence).</summary>
    public bool Assigned { get; set; }

    /// <summary>The assignment's due day (clinic day), if assigned with one.</summary>
    public DateOnly? DueOn { get; set; }

    /// <summary>
    /// The reading status against the module's current revision, as the web project's <c>ModuleStatus</c>: 0 not
    /// started, 1 in progress, 2 ready to acknowledge, 3 complete, 4 needs re-acknowledgement. It does not depend on
    /// the date: "overdue" is worked out when the matrix is read, from <see cref="DueOn"/> and the clinic's today.
    /// </summary>
    public int Status { get; set; }

    /// <summary>Sections read of the current revision, in percent (rounded down).</summary>
    public int Percent { get; set; }
}
