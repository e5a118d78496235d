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

    /// <summary>The patient turned reminder emails off (on My account, or with a mail's unsubscribe link).</summary>
    public bool RemindersOff { get; set; }

    /// <summary>The care team turned reminder emails off for this patient.</summary>
    public bool RemindersPausedByCareTeam { get; set; }

    /// <summary>Staff: how they hear about new questions and requests meant for them.</summary>
    public Contact.AlertPreference AlertPreference { get; set; }

    /// <summary>Staff: the clinic day of their last alert digest (one a day at most).</summary>
    public DateOnly? LastAlertDigestOn { get; set; }

    /// <summary>Bumped when an unsubscribe link is used, so each link works once.</summary>
    public int ReminderLinkVersion { get; set; }
}

public enum UserKind
{
    Patient = 0,
    Staff = 1,
}
