using System.Net;
using System.Text.RegularExpressions;
using ClarityPortal.Data.Identity;
using ClarityPortal.Data.Seeding;
using ClarityPortal.Web.Features.Education;
using ClarityPortal.Web.Features.Education.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClarityPortal.IntegrationTests.Education;

/// <summary>The shipped modules, served from the repository's content folder.</summary>
public class LearnPagesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    public static TheoryData<string, string, string> Modules =>
        new()
        {
            { "how-ketamine-works", "How ketamine works: the NMDA receptor", "mTOR-dependent synapse formation" },
            {
                "glutamate-bdnf-plasticity",
                "Glutamate, BDNF and synaptic plasticity",
                "NMDA receptor blockade at rest"
            },
            {
                "what-you-may-feel",
                "What you may feel: rapid effects and dissociation",
                "Antidepressant effects of ketamine in depressed patients"
            },
            { "preparing-and-integrating", "Preparing for and integrating a KAP session", "988 Suicide" },
            { "safety", "Safety: is KAP right for me, medicines, and warning signs", "SPRAVATO (esketamine) REMS" },
        };

    /// <summary>
    /// The hub refuses a message above 32 KB (SignalR's default, which the portal keeps), and the circuit's first
    /// message carries the page's persisted component state. The safety lesson once persisted itself, went over,
    /// and its page never went live: no reading progress, no answers kept.
    /// </summary>
    [Theory]
    [MemberData(nameof(Modules))]
    public async Task EachModulePageHandsTheCircuitLessStateThanTheHubAccepts(string slug, string title, string _)
    {
        var html = await factory.CreatePortalClient().GetStringAsync($"/learn/{slug}");

        var state = Regex.Match(html, "<!--Blazor-Server-Component-State:([^-]*)-->");
        Assert.Contains(WebUtility.HtmlEncode(title), html);
        Assert.True(state.Length < 8 * 1024, $"/learn/{slug} persists {state.Length} characters of state");
    }

    [Fact]
    public async Task ContentSyncPublishesTheExplorerStepsWithTheSectionThatHoldsIt()
    {
        var sections = await factory.WithDbAsync(db =>
            db.Sections.Where(s => s.Revision!.Module!.CurrentRevisionId == s.RevisionId)
                .Select(s => new { s.Body, s.ExplorerSteps })
                .ToListAsync()
        );

        Assert.Single(sections, s => s.ExplorerSteps > 0);
        Assert.All(
            sections,
            s => Assert.Equal(s.Body.Contains("::: mechanism-explorer") ? MechanismSteps.All.Count : 0, s.ExplorerSteps)
        );
    }

    [Fact]
    public async Task TheCatalogListsTheModulesInOrderWithMinutesAndNoReadingGradeForPatients()
    {
        var html = await factory.CreatePortalClient().GetStringAsync("/learn");

        var positions = Modules.Select(m => html.IndexOf($"href=\"/learn/{m[0]}\"", StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p > 0));
        Assert.Equal(positions.Order(), positions);
        Assert.Contains("min", html);
        Assert.DoesNotContain("Grade ", html); // the reading grade is for the admins who write the lessons
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public async Task EachModulePageShowsItsTitleSectionsReferencesAndTheCrisisNotice(
        string slug,
        string title,
        string reference
    )
    {
        var response = await factory.CreatePortalClient().GetAsync($"/learn/{slug}");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<title>{title} — Clarity Portal</title>", html);
        Assert.Contains("id=\"references\"", html);
        Assert.Contains(reference, html);
        Assert.Contains("Education, not medical advice", html);
        Assert.Contains("href=\"tel:988\"", html);
        Assert.Contains("Check your understanding", html);
        Assert.DoesNotContain("[ref:", html);
        Assert.DoesNotContain("[[", html);
        Assert.DoesNotContain(":::", html);
    }

    [Fact]
    public async Task TheMechanismModuleCarriesTheExplorerAndTheFeelingsModuleTheTimeline()
    {
        var mechanism = await factory.CreatePortalClient().GetStringAsync("/learn/how-ketamine-works");
        var feelings = await factory.CreatePortalClient().GetStringAsync("/learn/what-you-may-feel");

        Assert.Contains("class=\"explorer\"", mechanism);
        Assert.Contains("class=\"timeline\"", feelings);
    }

    [Theory]
    [InlineData("/learn/no-such-module")]
    [InlineData("/learn/HOW-KETAMINE-WORKS")]
    public async Task AnUnknownModuleIsTheFriendly404(string path)
    {
        var response = await factory.CreatePortalClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("find that page", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheGlossaryPageDefinesTheTerms()
    {
        var html = await factory.CreatePortalClient().GetStringAsync("/learn/glossary");

        foreach (
            var term in new[]
            {
                "NMDA receptor",
                "AMPA receptor",
                "Glutamate",
                "GABA",
                "BDNF",
                "mTOR",
                "Synapse",
                "Plasticity",
                "Dissociation",
            }
        )
        {
            Assert.Contains($"<dt>{term}</dt>", html);
        }
    }

    [Fact]
    public async Task AnswersAreJudgedOnTheServerAndForgedOnesRejected()
    {
        await using var scope = factory.ScopeAs(null); // an anonymous reader
        var education = scope.ServiceProvider.GetRequiredService<EducationService>();
        var module = (await education.ModuleAsync("how-ketamine-works"))!;
        var check = module.Sections.SelectMany(s => s.Blocks).OfType<CheckBlockView>().First();

        var right = await education.AnswerAsync(check.CheckId, 1);
        var wrong = await education.AnswerAsync(check.CheckId, 0);
        var forgedOption = await education.AnswerAsync(check.CheckId, 7);
        var negative = await education.AnswerAsync(check.CheckId, -1);
        var forgedCheck = await education.AnswerAsync(999_999, 0);

        Assert.True(right is { Accepted: true, Correct: true });
        Assert.True(wrong is { Accepted: true, Correct: false, CorrectOption: 1 });
        Assert.False(forgedOption.Accepted);
        Assert.False(negative.Accepted);
        Assert.False(forgedCheck.Accepted);
    }

    [Fact]
    public async Task AdminsSeeEachModulesVersionHistoryAndGrades()
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await IdentitySeed.EnsureUserAsync(
                scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>(),
                "modules-admin@example.org",
                "Admin",
                UserKind.Staff,
                PortalRoles.Admin,
                DateTime.UtcNow,
                "Correct-Horse-2026!"
            );
        }

        var client = factory.CreatePortalClient();
        await client.SignInAsync("modules-admin@example.org", "Correct-Horse-2026!");
        var html = await client.GetStringAsync("/admin/modules");

        Assert.Contains("Revision history", html);
        Assert.Contains("Revision history", html);
        Assert.Contains("Clinical review:", html);
        Assert.Contains("Next review:", html);
        Assert.Equal(
            Directory.GetFiles(factory.Services.GetRequiredService<ContentLocation>().Modules, "*.md").Length,
            await factory.WithDbAsync(db => db.ModuleRevisions.CountAsync())
        );
    }
}
