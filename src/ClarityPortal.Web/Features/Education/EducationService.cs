using ClarityPortal.Data;
using ClarityPortal.Data.Education;
using ClarityPortal.Web.Features.Education.Content;
using ClarityPortal.Web.Infrastructure;
using ClarityPortal.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;

namespace ClarityPortal.Web.Features.Education;

/// <summary>
/// Reading modules (public), answering checks (public; the answer is judged here, never in the browser) and the
/// admin overview (admins only). Rendered revisions are cached: a revision never changes once written.
/// </summary>
public sealed class EducationService(
    IDbContextFactory<ClarityDbContext> dbFactory,
    ContentRenderer renderer,
    ContentSync sync,
    LessonCache lessons,
    AuthorizationGuard guard,
    ClinicCalendar calendar
)
{
    public async Task<IReadOnlyList<ModuleCard>> CatalogAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db
            .Modules.AsNoTracking()
            .Where(m => m.IsPublished && m.CurrentRevision != null)
            .OrderBy(m => m.Order)
            .ThenBy(m => m.Title)
            .Select(m => new ModuleCard(
                m.Slug,
                m.Title,
                m.Summary,
                m.Order,
                m.EstimatedMinutes,
                m.CurrentRevision!.ReadingGrade,
                m.CurrentRevision.Sections.Count
            ))
            .ToListAsync(ct);
    }

    /// <summary>
    /// A published lesson. A recently read one comes from <see cref="LessonCache"/> and completes at once.
    /// </summary>
    public async Task<ModuleView?> ModuleAsync(string slug, CancellationToken ct = default)
    {
        if (lessons.TryGet(slug, out var kept))
        {
            return kept;
        }

        var view = await LoadModuleAsync(slug, ct);
        if (view is not null)
        {
            lessons.Keep(view);
        }

        return view;
    }

    private async Task<ModuleView?> LoadModuleAsync(string slug, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var module = await db
            .Modules.AsNoTracking()
            .Include(m => m.CurrentRevision!)
                .ThenInclude(r => r.Sections)
                    .ThenInclude(s => s.Checks)
            .AsSplitQuery()
            .FirstOrDefaultAsync(m => m.Slug == slug && m.IsPublished && m.CurrentRevision != null, ct);
        if (module?.CurrentRevision is not { } revision)
        {
            return null;
        }

        var neighbours = await db
            .Modules.AsNoTracking()
            .Where(m => m.IsPublished && m.CurrentRevision != null)
            .OrderBy(m => m.Order)
            .ThenBy(m => m.Title)
            .Select(m => new ModuleLink(m.Slug, m.Title))
            .ToListAsync(ct);
        var index = neighbours.FindIndex(n => n.Slug == slug);
        var references = ContentSync.References(revision);
        var sections = renderer.RenderedRevisions.GetOrAdd(revision.Id, _ => Render(revision, references));

        return new ModuleView(
            revision.Id,
            module.Slug,
            module.Title,
            module.Summary,
            module.EstimatedMinutes,
            revision.Version,
            revision.PublishedAt,
            revision.ReadingGrade,
            sections,
            [.. references.Select(r => new ReferenceView(r.Id, renderer.RenderInline(r.Text), SafeUrl(r.Url)))],
            index > 0 ? neighbours[index - 1] : null,
            index >= 0 && index + 1 < neighbours.Count ? neighbours[index + 1] : null
        );
    }

    private List<SectionView> Render(ModuleRevision revision, IReadOnlyList<ModuleReference> references)
    {
        var seenTerms = new HashSet<string>(StringComparer.Ordinal);
        var sections = new List<SectionView>();
        foreach (var section in revision.Sections.OrderBy(s => s.Order))
        {
            var checks = section.Checks.OrderBy(c => c.Order).ToList();
            var blocks = ContentBlocks
                .Split(revision.SourceFile, section.Body, 1)
                .Select(block =>
                    block switch
                    {
                        MarkdownBlock md => (BlockView)
                            new HtmlBlockView(
                                renderer.Render(md.Markdown, sync.Glossary, references, seenTerms, section.Key)
                            ),
                        ComponentBlock c => new ComponentBlockView(c.Name),
                        CheckBlock c => new CheckBlockView(
                            checks[c.Index].Id,
                            checks[c.Index].Question,
                            ContentSync.Options(checks[c.Index])
                        ),
                        _ => throw new InvalidOperationException("Unknown block."),
                    }
                )
                .ToList();
            sections.Add(new SectionView(section.Id, section.Key, section.Title, blocks));
        }

        return sections;
    }

    /// <summary>
    /// Judges an answer (public: anyone may try the checks). The check must belong to a published module's current
    /// revision and the option must be one
    /// of its options; anything else (a forged id or index from the circuit) is rejected, not trusted.
    /// </summary>
    public async Task<CheckResult> AnswerAsync(int checkId, int option, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var check = await db
            .KnowledgeChecks.AsNoTracking()
            .Where(c =>
                c.Id == checkId
                && c.Section!.Revision!.Module!.IsPublished
                && c.Section.Revision.Module.CurrentRevisionId == c.Section.RevisionId
            )
            .FirstOrDefaultAsync(ct);
        if (check is null)
        {
            return CheckResult.Rejected("This question is no longer part of the lesson. Please reload the page.");
        }

        if (option < 0 || option >= ContentSync.Options(check).Count)
        {
            return CheckResult.Rejected("That answer isn't one of the options.");
        }

        // Keeping the answer is reading progress's job: the reader hands this result on for a signed-in patient.
        return new CheckResult(true, option == check.CorrectOption, check.CorrectOption, check.Explanation, null)
        {
            CheckId = check.Id,
            Option = option,
        };
    }

    public Glossary Glossary => sync.Glossary;

    public async Task<IReadOnlyList<ModuleAdminView>> AdminOverviewAsync(CancellationToken ct = default)
    {
        await guard.RequireAsync(PortalPolicies.Admin);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var modules = await db
            .Modules.AsNoTracking()
            .Include(m => m.Revisions)
                .ThenInclude(r => r.Sections)
            .AsSplitQuery()
            .OrderBy(m => m.Order)
            .ToListAsync(ct);
        return
        [
            .. modules.Select(m =>
            {
                var current = m.Revisions.FirstOrDefault(r => r.Id == m.CurrentRevisionId);
                return new ModuleAdminView(
                    m.Slug,
                    m.Title,
                    m.IsPublished,
                    m.Order,
                    current?.Version,
                    current?.ReadingGrade,
                    [
                        .. m
                            .Revisions.OrderByDescending(r => r.Id)
                            .Select(r => new RevisionAdminView(
                                r.Id,
                                r.Version,
                                r.ChangeKind,
                                r.PublishedAt,
                                r.ReadingGrade,
                                r.WordCount,
                                r.ContentHash[..12],
                                r.Id == m.CurrentRevisionId
                            )),
                    ],
                    [
                        .. (current?.Sections ?? [])
                            .OrderBy(s => s.Order)
                            .Select(s => new SectionGradeView(s.Title, s.WordCount, s.ReadingGrade)),
                    ]
                )
                {
                    Review = new ContentReview(current?.ReviewedBy, current?.ReviewedOn, current?.NextReviewOn),
                    ReviewOverdue = current?.NextReviewOn is { } next && next < calendar.Today,
                };
            }),
        ];
    }

    public IReadOnlyList<SyncResult> LastSyncResults => sync.LastResults;

    private static string? SafeUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri.ToString()
            : null;
}
