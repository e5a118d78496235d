using ClarityPortal.Data;
using ClarityPortal.Data.Progress;
using Microsoft.EntityFrameworkCore;

namespace ClarityPortal.Web.Features.Progress;

/// <summary>
/// Keeps <see cref="ProgressSummary"/> rows — where each patient stands in each published module — equal to what
/// <see cref="ProgressFacts"/> and <see cref="ProgressRules"/> say, so the clinician matrix can filter and page in SQL
/// (docs/adr/0010-matrix-summary-in-sql.md). Every write that changes a summary calls a refresh on its own context,
/// after saving its change and before committing, so the summary lands in the same transaction: reading progress,
/// answers and acknowledgements (<see cref="ProgressService"/>), assignments (the patients feature), a new revision
/// (content sync). A refresh recounts from the stored rows; it never adds to a count, so running it twice is harmless.
/// </summary>
public static class ProgressSummaries
{
    /// <summary>Recounts one patient's summaries: every published module, or one.</summary>
    public static Task RefreshAsync(
        ClarityDbContext db,
        string patientId,
        int? moduleId = null,
        CancellationToken ct = default
    ) => RefreshAsync(db, db.Users.Where(u => u.Id == patientId).Select(u => u.Id), moduleId, ct);

    /// <summary>
    /// After a new revision of a module: recounts everyone who started it (what counts as read or answered, and
    /// whether a material change asks for a new acknowledgement, depend on the current revision). Rows of patients
    /// who only have the module assigned do not depend on the revision.
    /// </summary>
    public static Task RefreshModuleAsync(ClarityDbContext db, int moduleId, CancellationToken ct = default) =>
        RefreshAsync(db, db.ModuleProgress.Where(p => p.ModuleId == moduleId).Select(p => p.PatientId), moduleId, ct);

    /// <summary>
    /// Recounts every patient, a slice at a time. For data written around the services (the Development demo seed,
    /// test fixtures and benchmarks); the app's own writes keep their rows right as they go.
    /// </summary>
    public static async Task RebuildAsync(ClarityDbContext db, CancellationToken ct = default)
    {
        const int Slice = 500;
        var ids = await db
            .ModuleAssignments.Select(a => a.PatientId)
            .Union(db.ModuleProgress.Select(p => p.PatientId))
            .Union(db.ProgressSummaries.Select(s => s.PatientId))
            .OrderBy(id => id)
            .ToListAsync(ct);
        for (var i = 0; i < ids.Count; i += Slice)
        {
            var slice = ids.GetRange(i, Math.Min(Slice, ids.Count - i));
            await RefreshAsync(db, db.Users.Where(u => slice.Contains(u.Id)).Select(u => u.Id), null, ct);
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// Recounts the summaries of <paramref name="patientIds"/> (every published module, or one) from the rows as this
    /// context's transaction sees them, and saves the difference.
    /// </summary>
    public static async Task RefreshAsync(
        ClarityDbContext db,
        IQueryable<string> patientIds,
        int? moduleId,
        CancellationToken ct = default
    )
    {
        var scope = db.ProgressSummaries.Where(s =>
            patientIds.Contains(s.PatientId) && (moduleId == null || s.ModuleId == moduleId)
        );
        // Lock the rows before reading what they are made of: on SQL Server a concurrent refresh of the same rows
        // (a patient reading while a clinician assigns) waits here and then counts what the other committed.
        // SQLite's write transactions take the whole database, so this only costs one statement there.
        await scope.ExecuteUpdateAsync(u => u.SetProperty(s => s.Percent, s => s.Percent), ct);

        var snapshot = await ProgressFacts.LoadAsync(db, patientIds, moduleId, ct);
        var assignments = await db
            .ModuleAssignments.AsNoTracking()
            .Where(a => patientIds.Contains(a.PatientId) && (moduleId == null || a.ModuleId == moduleId))
            .Select(a => new
            {
                a.PatientId,
                a.ModuleId,
                a.DueOn,
            })
            .ToListAsync(ct);
        var existing = await scope.ToDictionaryAsync(s => (s.PatientId, s.ModuleId), ct);

        var published = snapshot.Modules.Select(m => m.Id).ToHashSet();
        var wanted = new Dictionary<(string PatientId, int ModuleId), ProgressSummary>();
        foreach (var a in assignments.Where(a => published.Contains(a.ModuleId)))
        {
            wanted[(a.PatientId, a.ModuleId)] = new ProgressSummary
            {
                PatientId = a.PatientId,
                ModuleId = a.ModuleId,
                Assigned = true,
                DueOn = a.DueOn,
            };
        }

        foreach (var facts in snapshot.Facts.Values)
        {
            var key = (facts.PatientId, facts.ModuleId);
            if (!wanted.TryGetValue(key, out var row))
            {
                row = wanted[key] = new ProgressSummary { PatientId = facts.PatientId, ModuleId = facts.ModuleId };
            }

            row.Status = (int)facts.Status;
            row.Percent = facts.Percent;
        }

        foreach (var (key, row) in existing)
        {
            if (!wanted.ContainsKey(key))
            {
                db.ProgressSummaries.Remove(row); // neither assigned nor started: a "not assigned" cell has no row
            }
        }

        foreach (var (key, row) in wanted)
        {
            if (existing.TryGetValue(key, out var stored))
            {
                stored.Assigned = row.Assigned;
                stored.DueOn = row.DueOn;
                stored.Status = row.Status;
                stored.Percent = row.Percent;
            }
            else
            {
                db.ProgressSummaries.Add(row);
            }
        }

        await db.SaveChangesAsync(ct);
    }
}
