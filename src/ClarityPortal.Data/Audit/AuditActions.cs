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
    public const string AuditChainVerified = "audit.chain-verified";
    public const string ModuleRevisionPublished = "module.revision-published";
    public const string InboxViewed = "inbox.viewed";
    public const string ContactViewed = "contact.viewed";
    public const string ContactAssigned = "contact.assigned";
    public const string ContactStatusChanged = "contact.status-changed";
    public const string ContactNoteAdded = "contact.note-added";
}
