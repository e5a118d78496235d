using System.ComponentModel.DataAnnotations;
using ClarityPortal.Data;
using ClarityPortal.Data.Audit;
using ClarityPortal.Data.CareTeam;
using ClarityPortal.Data.Identity;
using ClarityPortal.Data.Patients;
using ClarityPortal.Web.Features.Patients;
using ClarityPortal.Web.Infrastructure;
using ClarityPortal.Web.Infrastructure.Audit;
using ClarityPortal.Web.Infrastructure.Identity;
using ClarityPortal.Web.Infrastructure.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

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
