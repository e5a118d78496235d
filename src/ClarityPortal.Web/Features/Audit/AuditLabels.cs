using ClarityPortal.Data.Audit;

namespace ClarityPortal.Web.Features.Audit;

/// <summary>What each audit action means, in words an admin reads at a glance. The key stays on hover.</summary>
public static class AuditLabels
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        [AuditActions.SignInSucceeded] = "Signed in",
        [AuditActions.SignInFailed] = "Sign-in failed",
        [AuditActions.SignInLockedOut] = "Sign-in locked out",
        [AuditActions.SignedOut] = "Signed out",
        [AuditActions.StaffLinkedFromEntra] = "Staff account linked to Entra ID",
        [AuditActions.AdminCreated] = "First admin created",
        [AuditActions.PasswordChanged] = "Password changed",
        [AuditActions.PasswordResetRequested] = "Password reset requested",
        [AuditActions.PasswordReset] = "Password reset",
        [AuditActions.TwoFactorEnabled] = "Two-factor turned on",
        [AuditActions.TwoFactorDisabled] = "Two-factor turned off",
        [AuditActions.RecoveryCodesRenewed] = "New recovery codes",
        [AuditActions.TwoFactorResetByAdmin] = "Two-factor reset by an admin",
        [AuditActions.AuditChainVerified] = "Audit chain verified",
        [AuditActions.AuditChainResealed] = "Audit chain sealed with the key (first time)",
        [AuditActions.ModuleRevisionPublished] = "Lesson version published",
        [AuditActions.InboxViewed] = "Inbox viewed",
        [AuditActions.ContactViewed] = "Request opened",
        [AuditActions.ContactAssigned] = "Request assigned",
        [AuditActions.ContactStatusChanged] = "Request status changed",
        [AuditActions.ContactNoteAdded] = "Note added to a request",
        [AuditActions.ContactReplied] = "Reply sent to a patient",
        [AuditActions.ProviderCreated] = "Provider added",
        [AuditActions.ProviderUpdated] = "Provider edited",
        [AuditActions.ProviderPublished] = "Provider published",
        [AuditActions.ProviderUnpublished] = "Provider unpublished",
        [AuditActions.ProviderReordered] = "Providers reordered",
        [AuditActions.ProviderRetired] = "Provider retired",
        [AuditActions.ProviderDeleted] = "Provider deleted",
        [AuditActions.ProviderPhotoChanged] = "Provider photo changed",
        [AuditActions.PatientInvited] = "Patient invited",
        [AuditActions.StaffInvited] = "Staff member invited",
        [AuditActions.InvitationResent] = "Invitation sent again",
        [AuditActions.InvitationRevoked] = "Invitation revoked",
        [AuditActions.InvitationAccepted] = "Invitation accepted",
        [AuditActions.PatientViewed] = "Patient page viewed",
        [AuditActions.PatientAccessRefused] = "Refused: patient not in caseload",
        [AuditActions.AuditLogViewed] = "Audit log viewed",
        [AuditActions.PatientRecordPrinted] = "Patient record printed",
        [AuditActions.PatientsMatrixViewed] = "Patient list viewed",
        [AuditActions.PatientsExported] = "Patient list downloaded",
        [AuditActions.SessionBoardViewed] = "Ready-for-session board viewed",
        [AuditActions.ModuleAssigned] = "Lessons assigned",
        [AuditActions.ModuleUnassigned] = "Lesson unassigned",
        [AuditActions.NextSessionSet] = "Next session set",
        [AuditActions.RemindersPaused] = "Reminder emails paused or resumed",
        [AuditActions.CareTeamChanged] = "Care team changed",
        [AuditActions.StaffRolesChanged] = "Staff roles changed",
        [AuditActions.StaffDeactivated] = "Staff member deactivated",
        [AuditActions.StaffReactivated] = "Staff member reactivated",
        [AuditActions.ClinicDetailsChanged] = "Clinic details changed",
    };

    /// <summary>The label for a known action; an unknown key in words ("x.some-thing" → "X some thing").</summary>
    public static string For(string action)
    {
        if (Labels.TryGetValue(action, out var label))
        {
            return label;
        }

        var words = action.Replace('.', ' ').Replace('-', ' ').Trim();
        return words.Length == 0 ? "(no action)" : char.ToUpperInvariant(words[0]) + words[1..];
    }

    public static bool IsKnown(string action) => Labels.ContainsKey(action);
}
