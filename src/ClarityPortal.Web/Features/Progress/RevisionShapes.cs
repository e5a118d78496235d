using System.Collections.Concurrent;
using ClarityPortal.Data;
using ClarityPortal.Web.Features.Education.Content;
using Microsoft.EntityFrameworkCore;

namespace ClarityPortal.Web.Features.Progress;

/// <summary>What progress needs to know about a revision: its sections and checks. Cached; revisions never change.</summary>
public sealed class RevisionShapes(IDbContextFactory<ClarityDbContext> dbFactory)
{
    public sealed record SectionShape(string Key, string Title, int Words, bool HasExplorer, string Body);

    public sealed record CheckShape(int Id, string SectionKey, int Order);

    public sealed record Shape(int ModuleId, int RevisionId, string Slug, string Title, IReadOnlyList<SectionShape> Sections, IReadOnlyList<CheckShape> Checks)
    {
        public bool HasSection(string key) => Sections.Any(s => s.Key == key);
    }

    private readonly ConcurrentDictionary<int, Shape> byRevision = new();

    /// <summary>The current revision of a published module, or null.</summary>
    public async Task<Shape?> CurrentAsync(string slug, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = await db.Modules.AsNoTracking().Where(m => m.Slug == slug && m.IsPublished && m.CurrentRevisionId != null)
            .Select(m => m.CurrentRevisionId).FirstOrDefaultAsync(ct);
        return ids is { } revisionId ? await ByRevisionAsync(revisionId, ct) : null;
    }

    public async Task<Shape> ByRevisionAsync(int revisionId, CancellationToken ct = default)
    {
        if (byRevision.TryGetValue(revisionId, out var cached))
        {
            return cached;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var revision = await db.ModuleRevisions.AsNoTracking().Include(r => r.Module).Include(r => r.Sections).ThenInclude(s => s.Checks)
            .AsSplitQuery().FirstAsync(r => r.Id == revisionId, ct);
        var sections = revision.Sections.OrderBy(s => s.Order).ToList();
        var shape = new Shape(revision.ModuleId, revision.Id, revision.Module!.Slug, revision.Module.Title,
            [.. sections.Select(s => new SectionShape(s.Key, s.Title, s.WordCount,
                ContentBlocks.Split(revision.SourceFile, s.Body, 1).OfType<ComponentBlock>().Any(b => b.Name == "mechanism-explorer"), s.Body))],
            [.. sections.SelectMany(s => s.Checks.Select(c => new CheckShape(c.Id, s.Key, c.Order)))]);
        return byRevision.GetOrAdd(revisionId, shape);
    }
}
