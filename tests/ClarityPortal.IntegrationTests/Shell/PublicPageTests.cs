using System.Net;
using System.Text.RegularExpressions;
using ClarityPortal.Data.Identity;
using ClarityPortal.Data.Seeding;
using ClarityPortal.Web.Features.Providers;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ClarityPortal.IntegrationTests.Shell;

/// <summary>
/// Public pages for visitors who are not signed in: rendered without a circuit (islands only where they act), with
/// no cookie and no antiforgery token, and served from the output cache; never a cached page for a signed-in person.
/// </summary>
public sealed partial class PublicPageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    public static TheoryData<string> PublicPaths =>
        ["/", "/learn", "/learn/how-ketamine-works", "/learn/safety", "/learn/glossary", "/providers"];

    [Theory]
    [MemberData(nameof(PublicPaths))]
    public async Task AVisitorGetsAPublicPageWithoutCookieOrTokenAndTheNextVisitorFromTheCache(string path)
    {
        var first = await factory.CreatePortalClient().GetAsync(path);
        var second = await factory.CreatePortalClient().GetAsync(path);

        foreach (var response in new[] { first, second })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("Set-Cookie"), $"{path} set a cookie for a visitor.");
            var html = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("__RequestVerificationToken", html, StringComparison.Ordinal);
            Assert.Contains("data-circuit=\"false\"", html, StringComparison.Ordinal);
            Assert.Contains("988", html, StringComparison.Ordinal); // the crisis notice, cached or not
        }

        Assert.True(second.Headers.Age is not null, $"The second visit to {path} was rendered again.");
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AVisitorsLessonHasIslandsOnlyForTheExplorerAndTheChecks()
    {
        var html = await factory.CreatePortalClient().GetStringAsync("/learn/how-ketamine-works");

        var islands = Marker().Count(html);
        var explorers = Regex.Count(html, "class=\"explorer\"");
        var checks = Regex.Count(html, "class=\"check__fieldset\"");
        Assert.Equal(1, explorers);
        Assert.True(checks > 0, "The lesson shows no knowledge check.");
        Assert.Equal(explorers + checks, islands);
    }

    [Fact]
    public async Task ASignedInPatientGetsTheLivePageNeverTheVisitorsCachedOne()
    {
        var visitor = factory.CreatePortalClient();
        await visitor.GetAsync("/");
        await visitor.GetAsync("/"); // now cached for visitors
        var patient = await SignedInPatientAsync();

        var response = await patient.GetAsync("/");

        var html = await response.Content.ReadAsStringAsync();
        Assert.Null(response.Headers.Age);
        Assert.Contains("data-circuit=\"true\"", html, StringComparison.Ordinal);
        Assert.Contains("Go to my learning", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Go to my learning", await visitor.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDirectoryIsCachedPerFilterAndPerTheme()
    {
        var client = factory.CreatePortalClient();
        var all = await client.GetStringAsync("/providers");
        var filtered = await client.GetStringAsync("/providers?specialty=No-Such-Specialty");
        var dark = new HttpRequestMessage(HttpMethod.Get, "/providers");
        dark.Headers.Add("Cookie", "clarity-theme=dark");
        var darkHtml = await (await client.SendAsync(dark)).Content.ReadAsStringAsync();

        Assert.DoesNotContain("No provider matches", all, StringComparison.Ordinal);
        Assert.Contains("No provider matches", filtered, StringComparison.Ordinal);
        Assert.Contains("theme-light", all, StringComparison.Ordinal);
        Assert.Contains("theme-dark", darkHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AProviderChangedByAnAdminShowsOnTheVeryNextVisit()
    {
        var client = factory.CreatePortalClient();
        await client.GetAsync("/providers");
        Assert.NotNull((await client.GetAsync("/providers")).Headers.Age); // cached
        await PublishProviderAsync(factory, "casey-cache", "Casey Cache");

        var response = await client.GetAsync("/providers");

        Assert.Null(response.Headers.Age);
        Assert.Contains("Casey Cache", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PagesThatAreNotPublicAreNeverCached()
    {
        var client = factory.CreatePortalClient();
        await client.GetAsync("/contact");

        var response = await client.GetAsync("/contact");

        Assert.Null(response.Headers.Age);
        Assert.Contains("__RequestVerificationToken", await response.Content.ReadAsStringAsync());
    }

    /// <summary>An admin adds a provider and publishes it, through the directory's service.</summary>
    internal static async Task PublishProviderAsync(PortalFactory portal, string slug, string name)
    {
        await using var admin = portal.ScopeAs(PortalFactory.User("admin-id", PortalRoles.Admin));
        var providers = admin.ServiceProvider.GetRequiredService<ProviderService>();
        var saved = await providers.SaveAsync(
            new ProviderEdit
            {
                Slug = slug,
                Name = name,
                Specialties = "Depression",
            }
        );
        Assert.Empty(saved.Errors);
        Assert.Null(await providers.SetPublishedAsync(saved.Id!.Value, true));
    }

    private async Task<HttpClient> SignedInPatientAsync()
    {
        const string Password = "Correct-Horse-2026!";
        var email = $"patient-{Guid.NewGuid():N}@example.org";
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await IdentitySeed.EnsureUserAsync(
                scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>(),
                email,
                "Pat Cache",
                UserKind.Patient,
                PortalRoles.Patient,
                DateTime.UtcNow,
                Password
            );
        }

        var client = factory.CreatePortalClient();
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(email, Password)).StatusCode);
        return client;
    }

    /// <summary>A Blazor server component's start marker (an island on a page without a circuit).</summary>
    [GeneratedRegex("<!--Blazor:\\{\"type\":\"server\"")]
    private static partial Regex Marker();
}
