using System.Text.RegularExpressions;
using ClarityPortal.Data;
using ClarityPortal.Data.Audit;
using ClarityPortal.Web.Infrastructure;
using ClarityPortal.Web.Infrastructure.Audit;
using ClarityPortal.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;

namespace ClarityPortal.Web.Features.Audit;

/// <summary>Reading and verifying the audit log: admins only, checked in every method.</summary>
public sealed partial class AuditBrowser(
    IDbContextFactory<ClarityDbContext> dbFactory,
    AuthorizationGuard guard,
    AuditLog log
)
{
    public const int PageSize = 25;

    public async Task<AuditPage> ListAsync(string? search, string? action, int page, CancellationToken ct = default)
    {
        var admin = await guard.RequireAsync(PortalPolicies.Admin);
        page = Math.Max(1, page);
        search = search?.Trim();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.AuditEvents.AsNoTracking();
        if (!string.IsNullOrEmpty(action))
        {
            query = query.Where(e => e.Action == action);
        }

        if (!string.IsNullOrEmpty(search))
        {
            var pattern = TextSearch.Pattern(search);
            query = query.Where(e =>
                EF.Functions.Like(e.Actor, pattern, TextSearch.Escape)
                || EF.Functions.Like(e.Subject, pattern, TextSearch.Escape)
                || EF.Functions.Like(e.Details, pattern, TextSearch.Escape)
            );
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(e => e.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        var ids = rows.SelectMany(e => AccountId().Matches($"{e.Subject} {e.Details}").Select(m => m.Value))
            .Distinct()
            .ToList();
        var names = await db
            .Users.Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName })
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        string Name(Match m) => names.TryGetValue(m.Value, out var name) ? name : m.Value;
        string Resolve(string text) => ListComma().Replace(AccountId().Replace(text, Name), ", ");
        // Reading the log is itself recorded (after the query, so the reader sees the log as it was).
        await log.RecordAsync(
            admin,
            AuditActions.AuditLogViewed,
            "audit log",
            $"page {page}; action {action ?? "any"}; search {(string.IsNullOrEmpty(search) ? "none" : Cut(search))}",
            ct
        );
        return new AuditPage(
            [.. rows.Select(e => new AuditRow(e, AuditLabels.For(e.Action), Resolve(e.Subject), Resolve(e.Details)))],
            total,
            page
        );
    }

    private static string Cut(string text) => text.Length <= 100 ? text : text[..100] + "…";

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex AccountId();

    [GeneratedRegex(",(?! )")]
    private static partial Regex ListComma();

    public async Task<IReadOnlyList<string>> ActionsAsync(CancellationToken ct = default)
    {
        await guard.RequireAsync(PortalPolicies.Admin);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.AuditEvents.Select(e => e.Action).Distinct().OrderBy(a => a).ToListAsync(ct);
    }

    public async Task<AuditVerification> VerifyAsync(CancellationToken ct = default)
    {
        var admin = await guard.RequireAsync(PortalPolicies.Admin);
        var result = await log.VerifyAsync(ct);
        await log.RecordAsync(
            admin,
            AuditActions.AuditChainVerified,
            "audit log",
            result.Intact ? $"intact, {result.RowsChecked} rows" : $"broken at row {result.FirstBrokenId}",
            ct
        );
        return result;
    }
}
