using System.Collections.Concurrent;
using System.Text.Json;
using ClarityPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace ClarityPortal.Web.Features.Progress;

/// <summary>
/// What progress needs to know about a revision: its sections (with the explorer steps content sync published) and
/// its checks. Read from the database only, never from content files or components. Cached; revisions never change.
/// </summary>
public sealed class RevisionShapes(IDbContextFactory<ClarityDbContext> dbFactory)
{
    public sealed record SectionShape(string Key, string Title, int Words, int ExplorerSteps, string Body)
    {
        public bool HasExplorer => ExplorerSteps > 0;
    }

    public sealed record CheckShape(int Id, string SectionKey, int Order, int Options, int CorrectOption);

    public sealed record Shape(
        int ModuleId,
        int RevisionId,
        string Slug,
        string Title,
        IReadOnlyList<SectionShape> Sections,
        IReadOnlyList<CheckShape> Checks
    )
    {
        /// <summary>Steps of the mechanism explorer in this revision (0: it has none).</summary>
        public int ExplorerSteps => Sections.Count == 0 ? 0 : Sections.Max(s => s.ExplorerSteps);

        public bool HasSection(string key) => Sections.Any(s => s.Key == key);
    }

    private readonly ConcurrentDictionary<int, Shape> byRevision = new();

    /// <summary>
    /// The current revision of a published module, or null; on the caller's context (one context and connection per
    /// progress call).
    /// </summary>
    public async Task<Shape?> CurrentAsync(ClarityDbContext db, string slug, CancellationToken ct = default)
    {
        var ids = await db
            .Modules.AsNoTracking()
            .Where(m => m.Slug == slug && m.IsPublished && m.CurrentRevisionId != null)
            .Select(m => m.CurrentRevisionId)
            .FirstOrDefaultAsync(ct);
        return ids is { } revisionId ? await ByRevisionAsync(revisionId, ct) : null;
    }

    public async Task<Shape> ByRevisionAsync(int revisionId, CancellationToken ct = default)
    {
        if (byRevision.TryGetValue(revisionId, out var cached))
        {
            return cached;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var revision = await db
            .ModuleRevisions.AsNoTracking()
            .Include(r => r.Module)
            .Include(r => r.Sections)
                .ThenInclude(s => s.Checks)
            .AsSplitQuery()
            .FirstAsync(r => r.Id == revisionId, ct);
        var sections = revision.Sections.OrderBy(s => s.Order).ToList();
        var shape = new Shape(
            revision.ModuleId,
            revision.Id,
            revision.Module!.Slug,
            revision.Module.Title,
            [.. sections.Select(s => new SectionShape(s.Key, s.Title, s.WordCount, s.ExplorerSteps, s.Body))],
            [
                .. sections.SelectMany(s =>
                    s.Checks.OrderBy(c => c.Order)
                        .Select(c => new CheckShape(c.Id, s.Key, c.Order, OptionCount(c.OptionsJson), c.CorrectOption))
                ),
            ]
        );
        return byRevision.GetOrAdd(revisionId, shape);
    }

    private static int OptionCount(string optionsJson) =>
        JsonSerializer.Deserialize<string[]>(optionsJson)?.Length ?? 0;
}
