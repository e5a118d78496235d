using ClarityPortal.Data.Audit;

namespace ClarityPortal.Web.Features.Audit;

public sealed record AuditPage(IReadOnlyList<AuditRow> Rows, int Total, int Page)
{
    public int PageCount => Math.Max(1, (Total + AuditBrowser.PageSize - 1) / AuditBrowser.PageSize);
}

/// <summary>One audit row as shown: the action in words, account ids replaced by names (raw text on hover).</summary>
public sealed record AuditRow(AuditEvent Event, string Label, string Subject, string Details);
