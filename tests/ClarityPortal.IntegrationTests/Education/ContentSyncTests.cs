using System.Net;
using ClarityPortal.Data.Education;
using ClarityPortal.Data.Identity;
using ClarityPortal.Data.Seeding;
using ClarityPortal.Web.Features.Education;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClarityPortal.IntegrationTests.Education;

/// <summary>
/// Sync from a content folder of the test's own: new hash → new revision; broken file → last good stays.
/// </summary>
public sealed class ContentSyncTests : IAsyncLifetime
{
    private readonly string root = Path.Combine(Path.GetTempPath(), $"clarity-content-{Guid.NewGuid():N}");
    private PortalFactory factory = default!;

    private string ModuleFile => Path.Combine(root, "modules", "01-sample.md");

    private static string Module(string body, string change = "material", string slug = "sample") =>
        $"""
            ---
            slug: {slug}
            title: Sample module
            summary: A sample.
            order: 1
            minutes: 3
            version: "1.0"
            change: {change}
            reviewed_by: "Test reviewer"
            reviewed_on: 2026-11-01
            references:
              - id: a
                text: "A source."
            ---

            ## Only section

            {body} [ref:a]

            ::: check
            question: Pick two.
            options: [one, two]
            answer: 2
            explain: Two is right.
            :::
            """;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(root, "modules"));
        await File.WriteAllTextAsync(ModuleFile, Module("The first text."));
        factory = new PortalFactory { Settings = { ["Content:Path"] = root } };
        _ = factory.Services; // start: the first sync publishes revision 1
    }

    public async Task DisposeAsync()
    {
        await factory.DisposeAsync();
        Directory.Delete(root, recursive: true);
    }

    private Task<IReadOnlyList<SyncResult>> SyncAsync() =>
        factory.Services.GetRequiredService<ContentSync>().SyncAsync();

    private Task<List<ModuleRevision>> RevisionsAsync() =>
        factory.WithDbAsync(db => db.ModuleRevisions.OrderBy(r => r.Id).ToListAsync());

    [Fact]
    public async Task TheSameFileSyncsToNothingNew()
    {
        var result = Assert.Single(await SyncAsync());

        Assert.Equal(SyncOutcome.Unchanged, result.Outcome);
        Assert.Single(await RevisionsAsync());
    }

    [Fact]
    public async Task AChangedFileBecomesANewCurrentRevisionWithItsChangeKind()
    {
        Assert.Contains("The first text.", await factory.CreatePortalClient().GetStringAsync("/learn/sample"));
        await File.WriteAllTextAsync(ModuleFile, Module("The second text.", change: "minor"));

        var result = Assert.Single(await SyncAsync());
        var html = await factory.CreatePortalClient().GetStringAsync("/learn/sample");

        Assert.Equal(SyncOutcome.Published, result.Outcome);
        var revisions = await RevisionsAsync();
        Assert.Equal(2, revisions.Count);
        Assert.Equal(ChangeKind.Minor, revisions[1].ChangeKind);
        Assert.NotEqual(revisions[0].ContentHash, revisions[1].ContentHash);
        Assert.Contains("The second text.", html);
        Assert.DoesNotContain("The first text.", html);
    }

    [Fact]
    public async Task ABrokenFileIsRejectedWithItsLineAndTheLastGoodRevisionStaysServed()
    {
        await File.WriteAllTextAsync(
            ModuleFile,
            Module("The broken text.").Replace("::: check", "::: quiz-game", StringComparison.Ordinal)
        );

        var result = Assert.Single(await SyncAsync());
        var response = await factory.CreatePortalClient().GetAsync("/learn/sample");

        Assert.Equal(SyncOutcome.Rejected, result.Outcome);
        Assert.Equal("content/modules/01-sample.md", result.File);
        Assert.Contains("line 20", result.Message);
        Assert.Contains("unknown block 'quiz-game'", result.Message);
        Assert.Single(await RevisionsAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The first text.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AMaterialChangeWithoutAClinicalReviewIsRefusedAndTheReviewedRevisionStays()
    {
        var unreviewed = Module("A new safety fact.")
            .Replace("reviewed_by: \"Test reviewer\"\n", "", StringComparison.Ordinal)
            .Replace("reviewed_on: 2026-11-01\n", "", StringComparison.Ordinal);
        await File.WriteAllTextAsync(ModuleFile, unreviewed);

        var refused = Assert.Single(await SyncAsync());

        Assert.Equal(SyncOutcome.Rejected, refused.Outcome);
        Assert.Contains("a material change needs a clinical review", refused.Message);
        var revision = Assert.Single(await RevisionsAsync());
        Assert.Equal(("Test reviewer", new DateOnly(2026, 11, 1)), (revision.ReviewedBy, revision.ReviewedOn));
        Assert.Contains("The first text.", await factory.CreatePortalClient().GetStringAsync("/learn/sample"));
    }

    [Fact]
    public async Task AdminsSeeTheReviewerAndAWarningWhenTheNextReviewHasPassed()
    {
        var overdue = Module("The reviewed text.")
            .Replace(
                "reviewed_on: 2026-11-01\n",
                "reviewed_on: 2024-01-15\nnext_review: 2025-01-15\n",
                StringComparison.Ordinal
            );
        await File.WriteAllTextAsync(ModuleFile, overdue);
        await SyncAsync();
        await using (var setup = factory.Services.CreateAsyncScope())
        {
            await IdentitySeed.EnsureUserAsync(
                setup.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>(),
                "review-admin@example.org",
                "Review Admin",
                UserKind.Staff,
                PortalRoles.Admin,
                DateTime.UtcNow,
                "Correct-Horse-2026!"
            );
        }

        var client = factory.CreatePortalClient();
        await client.SignInAsync("review-admin@example.org", "Correct-Horse-2026!");
        var html = await client.GetStringAsync("/admin/modules");

        Assert.Contains("Clinical review: <strong>Test reviewer</strong>, January 15, 2024.", html);
        Assert.Contains("This module was due for clinical review on January 15, 2025.", html);
    }

    [Fact]
    public async Task ASecondFileWithTheSameSlugIsRejected()
    {
        await File.WriteAllTextAsync(Path.Combine(root, "modules", "02-copy.md"), Module("A copy."));

        var results = await SyncAsync();

        var rejected = Assert.Single(results, r => r.Outcome == SyncOutcome.Rejected);
        Assert.Equal("content/modules/02-copy.md", rejected.File);
        Assert.Contains("already used by content/modules/01-sample.md", rejected.Message);
        Assert.Contains("The first text.", await factory.CreatePortalClient().GetStringAsync("/learn/sample"));
    }

    [Fact]
    public async Task TheAppStartsEvenWhenEveryFileIsBroken()
    {
        var broken = Path.Combine(Path.GetTempPath(), $"clarity-broken-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(broken, "modules"));
        await File.WriteAllTextAsync(Path.Combine(broken, "modules", "bad.md"), "no front matter at all");
        await using var app = new PortalFactory { Settings = { ["Content:Path"] = broken } };

        var response = await app.CreatePortalClient().GetAsync("/learn");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("No lessons are published yet", await response.Content.ReadAsStringAsync());
        Directory.Delete(broken, recursive: true);
    }
}
