using System.Text.Json;
using ClarityPortal.Data;
using ClarityPortal.Data.Audit;
using ClarityPortal.Data.Education;
using ClarityPortal.Web.Features.Education.Components;
using ClarityPortal.Web.Features.Education.Content;
using ClarityPortal.Web.Features.Progress;
using ClarityPortal.Web.Infrastructure;
using ClarityPortal.Web.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;

namespace ClarityPortal.Web.Features.Education;

/// <summary>
/// Syncs module files into the database: same hash → nothing; new hash → a new revision that becomes current.
/// A broken file is logged with its file and line and skipped; its last good revision stays published.
/// </summary>
public sealed class ContentSync(
    IDbContextFactory<ClarityDbContext> dbFactory,
    ContentLocation location,
    AuditLog audit,
    LessonCache lessons,
    PublicPageCache publicPages,
    TimeProvider clock,
    ILogger<ContentSync> logger
)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public IReadOnlyList<SyncResult> LastResults { get; private set; } = [];

    public Glossary Glossary { get; private set; } = Glossary.Empty;

    public async Task<IReadOnlyList<SyncResult>> SyncAsync(CancellationToken ct = default)
    {
        var results = new List<SyncResult>();
        Glossary = await LoadGlossaryAsync(results, ct);
        var parsed = new List<ParsedModule>();
        var files = Directory.Exists(location.Modules)
            ? Directory.GetFiles(location.Modules, "*.md").Order(StringComparer.Ordinal).ToList()
            : [];
        if (files.Count == 0)
        {
            logger.LogWarning("No module files found in {Folder}", location.Modules);
        }

        foreach (var path in files)
        {
            var name = "content/modules/" + Path.GetFileName(path);
            try
            {
                var module = ModuleParser.Parse(name, await File.ReadAllTextAsync(path, ct), Glossary.Keys);
                var clash = parsed.FirstOrDefault(p => p.Slug == module.Slug);
                if (clash is not null)
                {
                    throw new ContentException(name, 2, $"slug '{module.Slug}' is already used by {clash.File}.");
                }

                parsed.Add(module);
            }
            catch (ContentException ex)
            {
                logger.LogError(
                    "Content file rejected: {File}:{Line}: {Problem}. The last good revision stays published.",
                    ex.File,
                    ex.Line,
                    ex.Problem
                );
                results.Add(new SyncResult(name, SyncOutcome.Rejected, $"line {ex.Line}: {ex.Problem}"));
            }
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        foreach (var module in parsed)
        {
            results.Add(await StoreAsync(db, module, ct));
        }

        lessons.Clear();
        await publicPages.EvictAsync(ct);

        LastResults = results;
        return results;
    }

    private async Task<Glossary> LoadGlossaryAsync(List<SyncResult> results, CancellationToken ct)
    {
        if (!File.Exists(location.GlossaryFile))
        {
            return Glossary.Empty;
        }

        try
        {
            return Glossary.Parse("content/glossary.yml", await File.ReadAllTextAsync(location.GlossaryFile, ct));
        }
        catch (ContentException ex)
        {
            logger.LogError("Glossary rejected: {File}:{Line}: {Problem}", ex.File, ex.Line, ex.Problem);
            results.Add(new SyncResult(ex.File, SyncOutcome.Rejected, $"line {ex.Line}: {ex.Problem}"));
            return Glossary;
        }
    }

    private async Task<SyncResult> StoreAsync(ClarityDbContext db, ParsedModule parsed, CancellationToken ct)
    {
        var module = await db
            .Modules.Include(m => m.CurrentRevision)
            .FirstOrDefaultAsync(m => m.Slug == parsed.Slug, ct);
        if (module?.CurrentRevision?.ContentHash == parsed.Hash)
        {
            return new SyncResult(parsed.File, SyncOutcome.Unchanged, $"version {parsed.Version}, unchanged");
        }

        var isNew = module is null;
        module ??= db.Modules.Add(new Module { Slug = parsed.Slug, IsPublished = true }).Entity;
        module.Title = parsed.Title;
        module.Summary = parsed.Summary;
        module.Order = parsed.Order;
        module.EstimatedMinutes = parsed.EstimatedMinutes;
        var revision = new ModuleRevision
        {
            Module = module,
            Version = parsed.Version,
            ContentHash = parsed.Hash,
            PublishedAt = clock.GetUtcNow().UtcDateTime,
            // The first revision of a module is never a "change" for anyone.
            ChangeKind = isNew ? ChangeKind.Minor : parsed.ChangeKind,
            ReadingGrade = parsed.ReadingGrade,
            WordCount = parsed.WordCount,
            ReviewedBy = parsed.Review.ReviewedBy,
            ReviewedOn = parsed.Review.ReviewedOn,
            NextReviewOn = parsed.Review.NextReview,
            ReferencesJson = JsonSerializer.Serialize(parsed.References, Json),
            SourceFile = parsed.File,
            Sections =
            [
                .. parsed.Sections.Select(
                    (s, i) =>
                        new Section
                        {
                            Key = s.Key,
                            Title = s.Title,
                            Order = i,
                            Body = s.Body,
                            WordCount = s.Readability.Words,
                            ReadingGrade = s.Readability.Grade,
                            ExplorerSteps = ExplorerStepsIn(parsed.File, s.Body),
                            Checks =
                            [
                                .. s.Checks.Select(
                                    (c, j) =>
                                        new KnowledgeCheck
                                        {
                                            Order = j,
                                            Question = c.Question,
                                            OptionsJson = JsonSerializer.Serialize(c.Options, Json),
                                            CorrectOption = c.CorrectOption,
                                            Explanation = c.Explanation,
                                        }
                                ),
                            ],
                        }
                ),
            ],
        };
        db.ModuleRevisions.Add(revision);
        await using var audited = await audit.BeginAsync(db, ct);
        await db.SaveChangesAsync(ct);
        module.CurrentRevisionId = revision.Id;
        if (!isNew)
        {
            // Sections read and checks answered count against the current revision, and a material change asks for
            // a new acknowledgement: recount the summaries of everyone who started the module, in this transaction.
            await db.SaveChangesAsync(ct);
            await ProgressSummaries.RefreshModuleAsync(db, module.Id, ct);
        }

        var message =
            $"version {parsed.Version} published ({revision.ChangeKind.ToString().ToLowerInvariant()}, grade "
            + $"{parsed.ReadingGrade:0.0})";
        logger.LogInformation("Module {Slug}: {Message}", parsed.Slug, message);
        audited.Record(null, "system (content sync)", AuditActions.ModuleRevisionPublished, parsed.Slug, message);
        await audited.CommitAsync(ct);
        return new SyncResult(parsed.File, SyncOutcome.Published, message);
    }

    /// <summary>
    /// What reading progress needs to know: how many explorer steps a section holds (0: no explorer).
    /// </summary>
    public static int ExplorerStepsIn(string file, string body) =>
        ContentBlocks.Split(file, body, 1).OfType<ComponentBlock>().Any(b => b.Name == ContentBlocks.MechanismExplorer)
            ? MechanismSteps.All.Count
            : 0;

    public static IReadOnlyList<ModuleReference> References(ModuleRevision revision) =>
        JsonSerializer.Deserialize<List<ModuleReference>>(revision.ReferencesJson, Json) ?? [];

    public static IReadOnlyList<string> Options(KnowledgeCheck check) =>
        JsonSerializer.Deserialize<List<string>>(check.OptionsJson, Json) ?? [];
}
