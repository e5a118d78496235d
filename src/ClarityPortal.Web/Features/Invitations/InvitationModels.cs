using ClarityPortal.Data.Identity;
using ClarityPortal.Data.Patients;

namespace ClarityPortal.Web.Features.Invitations;

public sealed record InvitationRow(
    int Id,
    InvitationKind Kind,
    string Name,
    string Email,
    string? Role,
    string CreatedBy,
    DateTime CreatedAt,
    DateTime ExpiresAt,
    InvitationState State
);

public sealed record InviteResult(bool Ok, string Message);

/// <summary>
/// What the set-password page shows before the form: who is invited, or why the link no longer works.
/// </summary>
public sealed record InvitationLookup(InvitationState State, string? Name, string? Email, InvitationKind Kind);

public sealed record AcceptResult(bool Ok, IReadOnlyList<string> Problems, ApplicationUser? User);
