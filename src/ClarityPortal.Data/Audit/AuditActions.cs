namespace ClarityPortal.Data.Audit;

/// <summary>Action names written to the audit log.</summary>
public static class AuditActions
{
    public const string SignInSucceeded = "sign-in.succeeded";
    public const string SignInFailed = "sign-in.failed";
    public const string SignInLockedOut = "sign-in.locked-out";
    public const string SignedOut = "sign-out";
    public const string StaffLinkedFromEntra = "staff.linked-from-entra";
    public const string AdminCreated = "admin.created";
    public const string PasswordChanged = "account.password-changed";

    public const string PasswordResetRequested = "account.password-reset-requested";

    public const string PasswordReset = "account.password-reset";
    public const string TwoFactorEnabled = "account.two-factor-enabled";
    public const string TwoFactorDisabled = "account.two-factor-disabled";
    public const string RecoveryCodesRenewed = "account.recovery-codes-renewed";
    public const string TwoFactorResetByAdmin = "staff.two-factor-reset";
    public const string AuditChainVerified = "audit.chain-verified";
    public const string AuditChainResealed = "audit.chain-resealed";
    public const string ModuleRevisionPublished = "module.revision-published";
    public const string InboxViewed = "inbox.viewed";
    public const string ContactViewed = "contact.viewed";
    public const string ContactAssigned = "contact.assigned";
    public const string ContactStatusChanged = "contact.status-changed";
    public const string ContactNoteAdded = "contact.note-added";
    public const string ContactReplied = "contact.replied";
    public const string ProviderCreated = "provider.created";
    public const string ProviderUpdated = "provider.updated";
    public const string ProviderPublished = "provider.published";
    public const string ProviderUnpublished = "provider.unpublished";
    public const string ProviderReordered = "provider.reordered";
    public const string ProviderRetired = "provider.retired";
    public const string ProviderDeleted = "provider.deleted";
    public const string ProviderPhotoChanged = "provider.photo-changed";
    public const string PatientInvited = "patient.invited";
    public const string StaffInvited = "staff.invited";
    public const string InvitationResent = "invitation.resent";
    public const string InvitationRevoked = "invitation.revoked";
    public const string InvitationAccepted = "invitation.accepted";
    public const string PatientViewed = "patient.viewed";
    public const string PatientAccessRefused = "patient.access-refused";
    public const string AuditLogViewed = "audit.log-viewed";
    public const string PatientRecordPrinted = "patient.record-printed";
    public const string PatientsMatrixViewed = "patients.matrix-viewed";
    public const string PatientsExported = "patients.exported";
    public const string SessionBoardViewed = "patients.session-board-viewed";
    public const string ModuleAssigned = "patient.module-assigned";
    public const string ModuleUnassigned = "patient.module-unassigned";
    public const string NextSessionSet = "patient.next-session-set";
    public const string RemindersPaused = "patient.reminders-paused";
    public const string CareTeamChanged = "patient.care-team-changed";
    public const string StaffRolesChanged = "staff.roles-changed";
    public const string StaffDeactivated = "staff.deactivated";
    public const string StaffReactivated = "staff.reactivated";
    public const string ClinicDetailsChanged = "clinic.details-changed";
}
