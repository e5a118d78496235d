using ClarityPortal.Data.Audit;

namespace ClarityPortal.Web.Features.Audit;

public sealed record AuditPage(IReadOnlyList<AuditEvent> Rows, int Total, int Page)
{
    public int PageCount => Math.Max(1, (Total + AuditBrowser.PageSize - 1) / AuditBrowser.PageSize);
}
