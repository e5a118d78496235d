using System.Globalization;
using System.Security.Claims;
using ClarityPortal.Data;
using ClarityPortal.Data.Audit;
using ClarityPortal.Data.Identity;
using ClarityPortal.Web.Infrastructure;
using ClarityPortal.Web.Infrastructure.Audit;
using ClarityPortal.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;

namespace ClarityPortal.Web.Features.Patients.Matrix;

/// <summary>
/// Who has read what, for the staff member's visible patients: filtered, sorted and paged in SQL over the progress
/// summaries (<see cref="MatrixQueries"/>, docs/adr/0010-matrix-summary-in-sql.md). A page takes two queries whatever
/// the caseload: the matching patients' ids in order, then the cells of the 50 shown.
/// </summary>
public sealed class MatrixService(
    IDbContextFactory<ClarityDbContext> dbFactory,
    AuthorizationGuard guard,
    AuditLog audit,
    ClinicCalendar calendar
)
{
    public async Task<MatrixView> BuildAsync(MatrixFilter filter, CancellationToken ct = default)
    {
        var user = await guard.RequireAsync(PortalPolicies.Staff);
        var today = calendar.Today;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = await MatrixQueries.Matching(db, user, filter, today).Select(u => u.Id).ToListAsync(ct);
        var pageCount = Math.Max(1, (ids.Count + MatrixFilter.PageSize - 1) / MatrixFilter.PageSize);
        var page = Math.Clamp(filter.Page, 1, pageCount);
        var listed = ids.Skip((page - 1) * MatrixFilter.PageSize).Take(MatrixFilter.PageSize).ToList();
        var (columns, shown) = await MatrixQueries.PageAsync(db, listed, filter.ModuleId, today, ct);
        await audit.RecordAsync(
            user,
            AuditActions.PatientsMatrixViewed,
            $"{shown.Count} patients",
            $"filter {Describe(filter)}; patients {string.Join(',', shown.Select(r => r.PatientId))}",
            ct
        );
        return new MatrixView(columns, shown, ids.Count, page, pageCount, today);
    }

    /// <summary>
    /// Patient invitations not yet accepted or revoked (the staff member's own; admins see all), unless a filter
    /// about reading or sessions is on: an invited person has neither yet.
    /// </summary>
    public async Task<IReadOnlyList<PendingInvitation>> InvitedAsync(
        MatrixFilter filter,
        CancellationToken ct = default
    )
    {
        var user = await guard.RequireAsync(PortalPolicies.Staff);
        if (filter is not { Status: null, ModuleId: null, OverdueOnly: false, SessionWithinDays: null, Page: 1 })
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Invitations.Where(i =>
            i.Kind == Data.Patients.InvitationKind.Patient && i.UsedAt == null && i.RevokedAt == null
        );
        if (!PortalUser.IsInRole(user, PortalRoles.Admin))
        {
            var id = PortalUser.Id(user);
            query = query.Where(i => i.CreatedById == id);
        }

        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var pattern = TextSearch.Pattern(filter.Search.Trim());
            query = query.Where(i =>
                EF.Functions.Like(i.DisplayName, pattern, TextSearch.Escape)
                || EF.Functions.Like(i.Email, pattern, TextSearch.Escape)
            );
        }

        var now = calendar.UtcNow;
        var rows = await query
            .OrderByDescending(i => i.CreatedAt)
            .Take(50)
            .Select(i => new
            {
                i.DisplayName,
                i.Email,
                i.CreatedAt,
                i.ExpiresAt,
            })
            .ToListAsync(ct);
        return
        [
            .. rows.Select(i => new PendingInvitation(
                i.DisplayName,
                i.Email,
                i.CreatedAt,
                i.ExpiresAt,
                i.ExpiresAt <= now
            )),
        ];
    }

    /// <summary>CSV of every row matching the filter (all pages), with formula-like cells neutralised.</summary>
    public async Task<byte[]> ExportCsvAsync(MatrixFilter filter, CancellationToken ct = default)
    {
        var user = await guard.RequireAsync(PortalPolicies.Staff);
        var today = calendar.Today;
        IReadOnlyList<MatrixColumn> columns;
        List<MatrixRow> rows;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var matching = MatrixQueries.Matching(db, user, filter, today);
            // No open questions: the file has no place for them.
            (columns, rows) = await MatrixQueries.AllAsync(db, matching, filter.ModuleId, today, false, ct);
        }

        var bytes = await MatrixCsv.WriteAsync(columns, rows, ct);
        await audit.RecordAsync(
            user,
            AuditActions.PatientsExported,
            $"{rows.Count} patients",
            $"csv; filter {Describe(filter)}; patients {string.Join(',', rows.Select(r => r.PatientId))}",
            ct
        );
        return bytes;
    }

    /// <summary>
    /// The clinician home: who has a session in the next 7 days and what they have not completed, plus totals.
    /// </summary>
    public async Task<ClinicianOverview> OverviewAsync(CancellationToken ct = default)
    {
        var user = await guard.RequireAsync(PortalPolicies.Staff);
        var today = calendar.Today;
        IReadOnlyList<MatrixColumn> columns;
        List<MatrixRow> rows;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var visible = MatrixQueries.Matching(db, user, new MatrixFilter(), today);
            (columns, rows) = await MatrixQueries.AllAsync(db, visible, null, today, true, ct);
        }

        var soon = rows.Where(r => r.NextSessionOn is { } d && d >= today && d <= today.AddDays(7))
            .OrderBy(r => r.NextSessionOn)
            .ThenBy(r => r.Name)
            .Select(r => new SessionReadiness(
                r,
                [
                    .. r
                        .Cells.Where(c =>
                            (c.Assigned && c.Status != CellStatus.Complete)
                            || c.Status == CellStatus.NeedsReacknowledgement
                        )
                        .Select(c => columns.First(m => m.ModuleId == c.ModuleId).Title),
                    // A question waiting for a reply keeps the patient off "ready" until someone answers it.
                    .. r
                        .Cells.Where(c => c.OpenQuestions > 0)
                        .Select(c =>
                            $"Question waiting for a reply: {columns.First(m => m.ModuleId == c.ModuleId).Title}"
                        ),
                ]
            ))
            .ToList();
        var completion = columns
            .Select(c =>
            {
                var cells = rows.Select(r => r.Cells.First(x => x.ModuleId == c.ModuleId))
                    .Where(x => x.Assigned)
                    .ToList();
                return new ModuleCompletion(
                    c.Title,
                    cells.Count(x => x.Status == CellStatus.Complete),
                    cells.Count(x => x.Status is CellStatus.InProgress or CellStatus.NeedsReacknowledgement),
                    cells.Count(x => x.Status == CellStatus.NotStarted),
                    cells.Count(x => x.Status == CellStatus.Overdue)
                );
            })
            .ToList();
        await audit.RecordAsync(
            user,
            AuditActions.SessionBoardViewed,
            $"{soon.Count} patients",
            $"patients {string.Join(',', soon.Select(s => s.Patient.PatientId))}",
            ct
        );
        return new ClinicianOverview(
            soon,
            completion,
            rows.Count,
            rows.Count(r => r.Cells.Any(c => c.Status == CellStatus.Overdue)),
            rows.Sum(r => r.Cells.Count(c => c.Status == CellStatus.Overdue))
        );
    }

    private static string Describe(MatrixFilter f) =>
        string.Join(
            ' ',
            $"status={f.Status?.ToString() ?? "any"}",
            $"module={f.ModuleId?.ToString(CultureInfo.InvariantCulture) ?? "any"}",
            $"overdue={f.OverdueOnly}",
            $"session={f.SessionWithinDays?.ToString(CultureInfo.InvariantCulture) ?? "any"}",
            $"search={(string.IsNullOrWhiteSpace(f.Search) ? "none" : "yes")}",
            $"page={f.Page}"
        );
}
