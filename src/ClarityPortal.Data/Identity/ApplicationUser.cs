using Microsoft.AspNetCore.Identity;

namespace ClarityPortal.Data.Identity;

/// <summary>A person who signs in: a patient (invited by a clinician) or a staff member.</summary>
public class ApplicationUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    public UserKind Kind { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Object id of the Microsoft Entra ID account linked to this staff user, if any.</summary>
    public string? EntraObjectId { get; set; }

    /// <summary>
    /// When an admin deactivated this account; deactivated users cannot sign in and their sessions end.
    /// </summary>
    public DateTime? DeactivatedAt { get; set; }

    /// <summary>A patient's next session day (clinic calendar), for the "ready for session" board.</summary>
    public DateOnly? NextSessionOn { get; set; }
}

public enum UserKind
{
    Patient = 0,
    Staff = 1,
}
