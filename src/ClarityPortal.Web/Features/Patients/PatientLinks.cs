using ClarityPortal.Data;
using ClarityPortal.Data.CareTeam;
using ClarityPortal.Data.Patients;

namespace ClarityPortal.Web.Features.Patients;

/// <summary>
/// The one place that adds care-team links and module assignments. Other features (accepting an invitation, handing
/// over a caseload) call it with their own context, so their change and these rows are saved together.
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
}
