using ClarityPortal.Data.Education;
using ClarityPortal.Data.Identity;

namespace ClarityPortal.Data.Patients;

/// <summary>What an invitation creates when it is accepted.</summary>
public enum InvitationKind
{
    /// <summary>A patient account linked to the inviting clinician.</summary>
    Patient = 0,

    /// <summary>A staff account with <see cref="Invitation.Role"/>.</summary>
    Staff = 1,
}

/// <summary>
/// A single-use link to create an account. Only the SHA-256 of the token is stored, so a copy of the database
/// cannot be used to accept anyone's invitation.
/// </summary>
public class Invitation
{
    public int Id { get; set; }

    public InvitationKind Kind { get; set; }

    public string Email { get; set; } = "";

    public string DisplayName { get; set; } = "";

    /// <summary>For staff invitations: <c>Clinician</c> or <c>Admin</c>.</summary>
    public string? Role { get; set; }

    /// <summary>Lowercase hex SHA-256 of the token sent in the link.</summary>
    public string TokenHash { get; set; } = "";

    public string CreatedById { get; set; } = "";

    public ApplicationUser? CreatedBy { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? UsedAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    /// <summary>The account the invitation created.</summary>
    public string? AcceptedUserId { get; set; }

    /// <summary>Module ids to assign when a patient accepts (the clinician's starter set), comma separated.</summary>
    public string StarterModuleIds { get; set; } = "";

    /// <summary>The due day for the starter set, if the clinician gave one.</summary>
    public DateOnly? StarterDueOn { get; set; }
}

/// <summary>A module a clinician asked a patient to read, with an optional due date (clinic calendar day).</summary>
public class ModuleAssignment
{
    public int Id { get; set; }

    public string PatientId { get; set; } = "";

    public ApplicationUser? Patient { get; set; }

    public int ModuleId { get; set; }

    public Module? Module { get; set; }

    public string AssignedById { get; set; } = "";

    public DateTime AssignedAt { get; set; }

    public DateOnly? DueOn { get; set; }
}
