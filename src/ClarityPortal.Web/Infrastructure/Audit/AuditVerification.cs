namespace ClarityPortal.Web.Infrastructure.Audit;

/// <summary>
/// The outcome of walking the chain and comparing it with the anchor: intact, or the id of the first row that fails
/// (altered, inserted, or — found through the anchor — deleted or cut from the end) and why.
/// </summary>
public sealed record AuditVerification(bool Intact, int RowsChecked, long? FirstBrokenId, string? Reason = null);
