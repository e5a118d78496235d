namespace ClarityPortal.Web.Features.Invitations;

/// <summary>Whether an invitation link may still be accepted, or why not.</summary>
public enum InvitationState
{
    Valid,
    Unknown,
    Expired,
    Used,
    Revoked,
}
