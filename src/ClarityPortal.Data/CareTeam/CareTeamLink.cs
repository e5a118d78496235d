using ClarityPortal.Data.Identity;

namespace ClarityPortal.Data.CareTeam;

/// <summary>Links a patient to a clinician on their care team. A clinician sees only linked patients.</summary>
public class CareTeamLink
{
    public string PatientId { get; set; } = "";

    public ApplicationUser? Patient { get; set; }

    public string ClinicianId { get; set; } = "";

    public ApplicationUser? Clinician { get; set; }

    public DateTime LinkedAt { get; set; }
}
