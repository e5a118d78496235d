namespace ClarityPortal.Data.Audit;

/// <summary>
/// One append-only row of the audit log. <see cref="Hash"/> covers the row's content and
/// <see cref="PreviousHash"/>, so altering or removing a row breaks the chain.
/// </summary>
public class AuditEvent
{
    public long Id { get; set; }

    public DateTime At { get; set; }

    /// <summary>User id of the actor, or null for anonymous actors and the system.</summary>
    public string? ActorId { get; set; }

    /// <summary>Name or email of the actor as shown to auditors ("system" for the app itself).</summary>
    public string Actor { get; set; } = "";

    public string Action { get; set; } = "";

    public string Subject { get; set; } = "";

    public string Details { get; set; } = "";

    public string PreviousHash { get; set; } = "";

    public string Hash { get; set; } = "";
}
