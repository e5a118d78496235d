using System.Linq.Expressions;
using System.Security.Claims;
using ClarityPortal.Data;
using ClarityPortal.Data.Education;
using ClarityPortal.Data.Identity;
using ClarityPortal.Data.Progress;
using ClarityPortal.Web.Features.Progress;
using ClarityPortal.Web.Infrastructure;
using ClarityPortal.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;

namespace ClarityPortal.Web.Features.Patients.Matrix;

/// <summary>
/// The matrix's SQL over the progress summaries (docs/adr/0010-matrix-summary-in-sql.md). The care-team rule comes
/// first; search, session and status filters narrow it; the order is name, then id. A status filter asks the database
/// whether a patient has a summary row whose cell, by <see cref="MatrixRules.CellRule"/> with the clinic's today as a
/// parameter, is that status.
/// </summary>
internal static class MatrixQueries
{
    /// <summary>What a cell is made of, as stored, with the open questions of a started module.</summary>
    internal sealed record Stored(bool Assigned, DateOnly? DueOn, int Status, int Percent, int OpenQuestions);

    internal sealed record Listed(string Id, string DisplayName, string? Email, DateOnly? NextSessionOn);

    /// <summary>The visible patients that match the filter, in the matrix's order.</summary>
    public static IQueryable<ApplicationUser> Matching(
        ClarityDbContext db,
        ClaimsPrincipal user,
        MatrixFilter filter,
        DateOnly today
    )
    {
        var scope = CareTeamAccess.VisiblePatients(db, user).AsNoTracking();
        if (filter.Search?.Trim() is { Length: > 0 } term)
        {
            term = term[..Math.Min(term.Length, 100)];
            var pattern = TextSearch.Pattern(term);
            scope = scope.Where(u =>
                EF.Functions.Like(u.DisplayName, pattern, TextSearch.Escape)
                || (u.Email != null && EF.Functions.Like(u.Email, pattern, TextSearch.Escape))
            );
        }

        var columns = Columns(db, filter.ModuleId);
        if (filter.Status is { } status)
        {
            scope = scope.Where(HasCell(db, columns, status, today));
        }

        if (filter.OverdueOnly)
        {
            scope = scope.Where(HasCell(db, columns, CellStatus.Overdue, today));
        }

        if (filter.SessionWithinDays is { } days)
        {
            var last = today.AddDays(Math.Clamp(days, 0, 366));
            scope = scope.Where(u => u.NextSessionOn != null && u.NextSessionOn >= today && u.NextSessionOn <= last);
        }

        return scope.OrderBy(u => u.DisplayName).ThenBy(u => u.Id);
    }

    /// <summary>
    /// The published modules the view shows: all, or the one the filter names (an unknown one is ignored).
    /// </summary>
    public static IQueryable<Module> Columns(ClarityDbContext db, int? moduleId)
    {
        var published = db.Modules.Where(m => m.IsPublished && m.CurrentRevisionId != null);
        return moduleId is { } id ? published.Where(m => m.Id == id || !published.Any(x => x.Id == id)) : published;
    }

    public static async Task<IReadOnlyList<MatrixColumn>> ColumnsAsync(
        ClarityDbContext db,
        int? moduleId,
        CancellationToken ct
    ) =>
        await Columns(db, moduleId)
            .AsNoTracking()
            .OrderBy(m => m.Order)
            .ThenBy(m => m.Id)
            .Select(m => new MatrixColumn(m.Id, m.Slug, m.Title))
            .ToListAsync(ct);

    /// <summary>
    /// The rows of a page: one SQL query, each listed patient with every column LEFT JOINed to their summaries, and
    /// the questions waiting in each started module. With nobody listed, only the columns are read.
    /// </summary>
    public static async Task<(IReadOnlyList<MatrixColumn> Columns, List<MatrixRow> Rows)> PageAsync(
        ClarityDbContext db,
        IReadOnlyList<string> ids,
        int? moduleId,
        DateOnly today,
        CancellationToken ct
    )
    {
        if (ids.Count == 0)
        {
            return (await ColumnsAsync(db, moduleId, ct), []);
        }

        var open = ProgressFacts.OpenQuestions(db);
        var found = await (
            from u in db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            from m in Columns(db, moduleId)
            from c in db.ProgressSummaries.Where(c => c.PatientId == u.Id && c.ModuleId == m.Id).DefaultIfEmpty()
            select new
            {
                Patient = new Listed(u.Id, u.DisplayName, u.Email, u.NextSessionOn),
                Column = new
                {
                    m.Id,
                    m.Slug,
                    m.Title,
                    m.Order,
                },
                Found = c != null,
                Assigned = c != null && c.Assigned,
                DueOn = c == null ? null : c.DueOn,
                Status = c == null ? 0 : c.Status,
                Percent = c == null ? 0 : c.Percent,
                // A question is asked from a started module (ProgressFacts counts them for started ones only).
                OpenQuestions = c != null && c.Status != (int)ModuleStatus.NotStarted
                    ? open.Count(q => q.PatientId == u.Id && q.ModuleId == m.Id)
                    : 0,
            }
        ).ToListAsync(ct);

        var columns = found
            .Select(f => f.Column)
            .DistinctBy(c => c.Id)
            .OrderBy(c => c.Order)
            .ThenBy(c => c.Id)
            .Select(c => new MatrixColumn(c.Id, c.Slug, c.Title))
            .ToList();
        var patients = found.Select(f => f.Patient).DistinctBy(p => p.Id).ToDictionary(p => p.Id);
        var cells = found
            .Where(f => f.Found)
            .ToDictionary(
                f => (f.Patient.Id, f.Column.Id),
                f => new Stored(f.Assigned, f.DueOn, f.Status, f.Percent, f.OpenQuestions)
            );
        return (columns, Rows([.. ids.Select(id => patients[id])], columns, cells, today));
    }

    /// <summary>
    /// Every matching patient with their cells (the CSV, the overview): the patients, the columns, then the summaries
    /// of the matching patients read straight from their index, and the questions waiting when asked for.
    /// </summary>
    public static async Task<(IReadOnlyList<MatrixColumn> Columns, List<MatrixRow> Rows)> AllAsync(
        ClarityDbContext db,
        IQueryable<ApplicationUser> matching,
        int? moduleId,
        DateOnly today,
        bool withQuestions,
        CancellationToken ct
    )
    {
        var patients = await matching
            .Select(u => new Listed(u.Id, u.DisplayName, u.Email, u.NextSessionOn))
            .ToListAsync(ct);
        var columns = await ColumnsAsync(db, moduleId, ct);
        var ids = matching.Select(u => u.Id);
        var columnIds = Columns(db, moduleId).Select(m => m.Id);
        var stored = await db
            .ProgressSummaries.Where(c => ids.Contains(c.PatientId) && columnIds.Contains(c.ModuleId))
            .Select(c => new
            {
                c.PatientId,
                c.ModuleId,
                c.Assigned,
                c.DueOn,
                c.Status,
                c.Percent,
            })
            .ToListAsync(ct);
        var questions = withQuestions
            ? await ProgressFacts
                .OpenQuestions(db)
                .Where(q => q.PatientId != null && q.ModuleId != null && ids.Contains(q.PatientId))
                .GroupBy(q => new { q.PatientId, q.ModuleId })
                .Select(g => new
                {
                    g.Key.PatientId,
                    g.Key.ModuleId,
                    Count = g.Count(),
                })
                .ToDictionaryAsync(q => (q.PatientId!, q.ModuleId!.Value), q => q.Count, ct)
            : new Dictionary<(string, int), int>();
        var cells = stored.ToDictionary(
            c => (c.PatientId, c.ModuleId),
            c => new Stored(
                c.Assigned,
                c.DueOn,
                c.Status,
                c.Percent,
                c.Status == (int)ModuleStatus.NotStarted ? 0 : questions.GetValueOrDefault((c.PatientId, c.ModuleId))
            )
        );
        return (columns, Rows(patients, columns, cells, today));
    }

    private static List<MatrixRow> Rows(
        IReadOnlyList<Listed> patients,
        IReadOnlyList<MatrixColumn> columns,
        Dictionary<(string PatientId, int ModuleId), Stored> cells,
        DateOnly today
    ) =>
        [
            .. patients.Select(p => new MatrixRow(
                p.Id,
                p.DisplayName,
                p.Email ?? "",
                p.NextSessionOn,
                [.. columns.Select(c => Cell(c.ModuleId, cells.GetValueOrDefault((p.Id, c.ModuleId)), today))]
            )),
        ];

    /// <summary>A cell from its stored row; no row is a module neither assigned nor started.</summary>
    private static MatrixCell Cell(int moduleId, Stored? stored, DateOnly today) =>
        stored is null
            ? new MatrixCell(moduleId, MatrixRules.Cell(false, null, today, ModuleStatus.NotStarted), 0, null, false)
            : new MatrixCell(
                moduleId,
                MatrixRules.Cell(stored.Assigned, stored.DueOn, today, (ModuleStatus)stored.Status),
                stored.Percent,
                stored.Assigned ? stored.DueOn : null,
                stored.Assigned,
                stored.OpenQuestions
            );

    /// <summary>Whether a patient has a cell of <paramref name="status"/> among the columns.</summary>
    private static Expression<Func<ApplicationUser, bool>> HasCell(
        ClarityDbContext db,
        IQueryable<Module> columns,
        CellStatus status,
        DateOnly today
    )
    {
        // The module is looked up per row (not "ModuleId IN (…)"), so SQLite reads a patient's rows as one range.
        var rows = db.ProgressSummaries.Where(c => columns.Any(m => m.Id == c.ModuleId));
        var cells = rows.Where(CellIs(status, today));
        if (status != CellStatus.NotAssigned)
        {
            return u => cells.Any(c => c.PatientId == u.Id);
        }

        // A module neither assigned nor started has no row: fewer rows than columns is a "not assigned" cell.
        return u => cells.Any(c => c.PatientId == u.Id) || rows.Count(c => c.PatientId == u.Id) < columns.Count();
    }

    /// <summary>
    /// <c>MatrixRules.Cell(row.Assigned, row.DueOn, today, row.Status) == status</c> for SQL: the rule's own
    /// expression with the row's columns and today (a parameter) put in for its arguments, its conditional turned into
    /// the conditions that lead to <paramref name="status"/> (<c>a ? x : y</c> is x when a holds, else y), so the
    /// database tests a few columns instead of computing every cell.
    /// </summary>
    internal static Expression<Func<ProgressSummary, bool>> CellIs(CellStatus status, DateOnly today)
    {
        var rule = MatrixRules.CellRule;
        var row = Expression.Parameter(typeof(ProgressSummary), "row");
        Expression<Func<DateOnly>> day = () => today;
        var cell = new Arguments(
            rule.Parameters[3],
            Expression.Property(row, nameof(ProgressSummary.Status)),
            new Dictionary<ParameterExpression, Expression>
            {
                [rule.Parameters[0]] = Expression.Property(row, nameof(ProgressSummary.Assigned)),
                [rule.Parameters[1]] = Expression.Property(row, nameof(ProgressSummary.DueOn)),
                [rule.Parameters[2]] = day.Body,
            }
        ).Visit(rule.Body);
        return Expression.Lambda<Func<ProgressSummary, bool>>(Leads(cell, status), row);
    }

    /// <summary>The condition under which <paramref name="cell"/> is <paramref name="target"/>.</summary>
    private static Expression Leads(Expression cell, CellStatus target) =>
        cell switch
        {
            ConditionalExpression c => Or(
                And(c.Test, Leads(c.IfTrue, target)),
                And(Expression.Not(c.Test), Leads(c.IfFalse, target))
            ),
            ConstantExpression { Value: CellStatus value } => Expression.Constant(value == target),
            _ => Expression.Equal(Expression.Convert(cell, typeof(int)), Expression.Constant((int)target)),
        };

    private static Expression And(Expression a, Expression b) =>
        (a, b) switch
        {
            (ConstantExpression { Value: false }, _) or (_, ConstantExpression { Value: false }) => Expression.Constant(
                false
            ),
            (ConstantExpression { Value: true }, _) => b,
            (_, ConstantExpression { Value: true }) => a,
            _ => Expression.AndAlso(a, b),
        };

    private static Expression Or(Expression a, Expression b) =>
        (a, b) switch
        {
            (ConstantExpression { Value: true }, _) or (_, ConstantExpression { Value: true }) => Expression.Constant(
                true
            ),
            (ConstantExpression { Value: false }, _) => b,
            (_, ConstantExpression { Value: false }) => a,
            _ => Expression.OrElse(a, b),
        };

    /// <summary>
    /// Puts the row's columns in for the rule's parameters. The reading status is stored as its number, so the
    /// rule's <c>(int)status</c> comparisons read the column as it is.
    /// </summary>
    private sealed class Arguments(
        ParameterExpression status,
        Expression storedStatus,
        IReadOnlyDictionary<ParameterExpression, Expression> others
    ) : ExpressionVisitor
    {
        protected override Expression VisitUnary(UnaryExpression node) =>
            node.NodeType == ExpressionType.Convert && node.Operand == status && node.Type == typeof(int)
                ? storedStatus
                : base.VisitUnary(node);

        protected override Expression VisitParameter(ParameterExpression node) =>
            node == status ? Expression.Convert(storedStatus, typeof(ModuleStatus))
            : others.TryGetValue(node, out var replacement) ? replacement
            : node;
    }
}
