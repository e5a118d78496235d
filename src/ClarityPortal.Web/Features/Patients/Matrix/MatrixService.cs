using System.Globalization;
using System.Security.Claims;
using ClarityPortal.Data;
using ClarityPortal.Data.Audit;
using ClarityPortal.Data.Identity;
using ClarityPortal.Web.Features.Progress;
using ClarityPortal.Web.Infrastructure;
using ClarityPortal.Web.Infrastructure.Audit;
using ClarityPortal.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;

namespace ClarityPortal.Web.Features.Patients.Matrix;

/// <summary>
/// Who has read what, for the staff member's visible patients. The whole caseload is computed from two SQL queries
/// whatever its size — the patients with their assignments, and the modules with every visible patient's progress
/// facts — then filtered and paged in memory, because status filters depend on computed cells.
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
        var (columns, rows) = await FilteredAsync(user, filter, ct);
        var pageCount = Math.Max(1, (rows.Count + MatrixFilter.PageSize - 1) / MatrixFilter.PageSize);
        var page = Math.Clamp(filter.Page, 1, pageCount);
        var shown = rows.Skip((page - 1) * MatrixFilter.PageSize).Take(MatrixFilter.PageSize).ToList();
        await audit.RecordAsync(
            user,
            AuditActions.PatientsMatrixViewed,
            $"{shown.Count} patients",
            $"filter {Describe(filter)}; patients {string.Join(',', shown.Select(r => r.PatientId))}",
            ct
        );
        return new MatrixView(columns, shown, rows.Count, page, pageCount, calendar.Today);
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
        var (columns, rows) = await FilteredAsync(user, filter, ct);
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
        var (columns, rows) = await ComputeAsync(user, null, ct);
        var today = calendar.Today;
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

    private async Task<(IReadOnlyList<MatrixColumn> Columns, List<MatrixRow> Rows)> FilteredAsync(
        ClaimsPrincipal user,
        MatrixFilter filter,
        CancellationToken ct
    )
    {
        var (columns, rows) = await ComputeAsync(user, filter.Search, ct);
        if (filter.ModuleId is { } moduleId && columns.Any(c => c.ModuleId == moduleId))
        {
            columns = [.. columns.Where(c => c.ModuleId == moduleId)];
            rows = [.. rows.Select(r => r with { Cells = [.. r.Cells.Where(c => c.ModuleId == moduleId)] })];
        }

        var today = calendar.Today;
        IEnumerable<MatrixRow> query = rows;
        if (filter.Status is { } status)
        {
            query = query.Where(r => r.Cells.Any(c => c.Status == status));
        }

        if (filter.OverdueOnly)
        {
            query = query.Where(r => r.Cells.Any(c => c.Status == CellStatus.Overdue));
        }

        if (filter.SessionWithinDays is { } days)
        {
            query = query.Where(r =>
                r.NextSessionOn is { } d && d >= today && d <= today.AddDays(Math.Clamp(days, 0, 366))
            );
        }

        return (columns, query.ToList());
    }

    /// <summary>
    /// Every visible patient (matching the search) with a cell per published module. Two SQL queries.
    /// </summary>
    internal async Task<(IReadOnlyList<MatrixColumn> Columns, List<MatrixRow> Rows)> ComputeAsync(
        ClaimsPrincipal user,
        string? search,
        CancellationToken ct,
        string? onlyPatientId = null
    )
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = CareTeamAccess.VisiblePatients(db, user).AsNoTracking();
        if (onlyPatientId is not null)
        {
            scope = scope.Where(u => u.Id == onlyPatientId);
        }

        if (search?.Trim() is { Length: > 0 } term)
        {
            term = term[..Math.Min(term.Length, 100)];
            var pattern = TextSearch.Pattern(term);
            scope = scope.Where(u =>
                EF.Functions.Like(u.DisplayName, pattern, TextSearch.Escape)
                || (u.Email != null && EF.Functions.Like(u.Email, pattern, TextSearch.Escape))
            );
        }

        var patients = await scope
            .OrderBy(u => u.DisplayName)
            .ThenBy(u => u.Id)
            .Select(u => new
            {
                u.Id,
                u.DisplayName,
                u.Email,
                u.NextSessionOn,
                Assignments = db
                    .ModuleAssignments.Where(a => a.PatientId == u.Id)
                    .Select(a => new { a.ModuleId, a.DueOn })
                    .ToList(),
            })
            .ToListAsync(ct);

        // The second query: every published module with each visible patient's progress facts (ProgressFacts).
        var snapshot = await ProgressFacts.LoadAsync(db, scope.Select(u => u.Id), ct: ct);
        var today = calendar.Today;
        var columns = snapshot.Modules.Select(m => new MatrixColumn(m.Id, m.Slug, m.Title)).ToList();
        var rows = patients
            .Select(p =>
            {
                var assigned = p.Assignments.ToDictionary(a => a.ModuleId, a => a.DueOn);
                var cells = snapshot
                    .Modules.Select(m =>
                    {
                        var isAssigned = assigned.TryGetValue(m.Id, out var due);
                        var facts = snapshot.For(m.Id, p.Id);
                        return new MatrixCell(
                            m.Id,
                            MatrixRules.Cell(isAssigned, due, today, facts?.Status ?? ModuleStatus.NotStarted),
                            facts?.Percent ?? 0,
                            isAssigned ? due : null,
                            isAssigned,
                            facts?.OpenQuestions ?? 0
                        );
                    })
                    .ToList();
                return new MatrixRow(p.Id, p.DisplayName, p.Email ?? "", p.NextSessionOn, cells);
            })
            .ToList();
        return (columns, rows);
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
