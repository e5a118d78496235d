namespace ClarityPortal.Web.Infrastructure.Audit;

/// <summary>The outcome of walking the chain: intact, or the id of the first row that fails.</summary>
public sealed record AuditVerification(bool Intact, int RowsChecked, long? FirstBrokenId);
