using ClarityPortal.Data;
using ClarityPortal.Data.CareTeam;
using ClarityPortal.Data.Patients;
using ClarityPortal.Web.Features.Progress;

namespace ClarityPortal.Web.Features.Patients;

/// <summary>
/// The one place that adds care-team links and module assignments. Other features (accepting an invitation, handing
/// over a caseload) call it with their own context, so their change and these rows are saved together. After adding,
/// changing or deleting assignments, call <see cref="SaveAssignmentsAsync"/> inside the change's transaction.
/// </summary>
public static class PatientLinks
{
    public static void AddClinician(ClarityDbContext db, string patientId, string clinicianId, DateTime now) =>
        db.CareTeamLinks.Add(
            new CareTeamLink
            {
                PatientId = patientId,
                ClinicianId = clinicianId,
                LinkedAt = now,
            }
        );

    public static void Assign(
        ClarityDbContext db,
        string patientId,
        int moduleId,
        string assignedById,
        DateTime now,
        DateOnly? dueOn
    ) =>
        db.ModuleAssignments.Add(
            new ModuleAssignment
            {
                PatientId = patientId,
                ModuleId = moduleId,
                AssignedById = assignedById,
                AssignedAt = now,
                DueOn = dueOn,
            }
        );

    /// <summary>
    /// Saves the assignment changes made on <paramref name="db"/> and brings the patient's progress summaries (what
    /// the clinician matrix filters on) up to date, in the caller's transaction.
    /// </summary>
    public static async Task SaveAssignmentsAsync(ClarityDbContext db, string patientId, CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        await ProgressSummaries.RefreshAsync(db, patientId, ct: ct);
    }
}
