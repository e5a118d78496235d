using System.Security.Claims;
using ClarityPortal.Data;
using ClarityPortal.Web.Features.Patients.Matrix;
using ClarityPortal.Web.Features.Progress;
using ClarityPortal.Web.Infrastructure;
using ClarityPortal.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;

namespace ClarityPortal.IntegrationTests.Patients;

/// <summary>
/// The matrix the way MatrixService computed it before the progress summaries (ADR 0010), kept for tests only as the
/// reference the SQL path must equal: every visible patient's cells from <see cref="ProgressFacts"/> and
/// <see cref="MatrixRules.Cell"/> in memory, then filtered, paged and summed up in memory. No audit rows.
/// </summary>
internal static class MatrixReference
{
    /// <summary>Every visible patient (matching the search) with a cell per published module.</summary>
    public static async Task<(IReadOnlyList<MatrixColumn> Columns, List<MatrixRow> Rows)> ComputeAsync(
        ClarityDbContext db,
        ClaimsPrincipal user,
        string? search,
        DateOnly today
    )
    {
        var scope = CareTeamAccess.VisiblePatients(db, user).AsNoTracking();
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
            .ToListAsync();

        var snapshot = await ProgressFacts.LoadAsync(db, scope.Select(u => u.Id));
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

    /// <summary>The rows of <see cref="ComputeAsync"/> the filter keeps, with only the filter's columns.</summary>
    public static (IReadOnlyList<MatrixColumn> Columns, List<MatrixRow> Rows) Filter(
        IReadOnlyList<MatrixColumn> columns,
        List<MatrixRow> rows,
        MatrixFilter filter,
        DateOnly today
    )
    {
        if (filter.ModuleId is { } moduleId && columns.Any(c => c.ModuleId == moduleId))
        {
            columns = [.. columns.Where(c => c.ModuleId == moduleId)];
            rows = [.. rows.Select(r => r with { Cells = [.. r.Cells.Where(c => c.ModuleId == moduleId)] })];
        }

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

    public static MatrixView Page(
        IReadOnlyList<MatrixColumn> columns,
        List<MatrixRow> rows,
        MatrixFilter filter,
        DateOnly today
    )
    {
        var pageCount = Math.Max(1, (rows.Count + MatrixFilter.PageSize - 1) / MatrixFilter.PageSize);
        var page = Math.Clamp(filter.Page, 1, pageCount);
        var shown = rows.Skip((page - 1) * MatrixFilter.PageSize).Take(MatrixFilter.PageSize).ToList();
        return new MatrixView(columns, shown, rows.Count, page, pageCount, today);
    }

    public static ClinicianOverview Overview(IReadOnlyList<MatrixColumn> columns, List<MatrixRow> rows, DateOnly today)
    {
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
        return new ClinicianOverview(
            soon,
            completion,
            rows.Count,
            rows.Count(r => r.Cells.Any(c => c.Status == CellStatus.Overdue)),
            rows.Sum(r => r.Cells.Count(c => c.Status == CellStatus.Overdue))
        );
    }
}
