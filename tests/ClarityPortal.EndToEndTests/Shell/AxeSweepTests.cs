using System.Reflection;
using ClarityPortal.Data;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ClarityPortal.EndToEndTests.Shell;

/// <summary>
/// axe on every page of the app's route table that each role can open, at 1280 and 375 px wide. The pages come from
/// the route table, so a new page is swept without anyone adding it here.
/// </summary>
[Collection(BrowserCollection.Name)]
public class AxeSweepTests(PortalBrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture)
{
    /// <summary>Pages that are not a place to stay: opening sign-in signed in starts a new sign-in.</summary>
    private static readonly HashSet<string> NotSwept = ["/account/login", "/account/login/two-factor", "/error"];

    private sealed record Page(string Template, bool Interactive);

    private List<Page> PagesFromTheRouteTable() =>
        [
            .. Fixture
                .Services.GetRequiredService<EndpointDataSource>()
                .Endpoints.OfType<RouteEndpoint>()
                .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
                .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
                .Select(e => new Page(
                    "/" + e.RoutePattern.RawText!.TrimStart('/'),
                    e
                        .Metadata.GetMetadata<ComponentTypeMetadata>()!
                        .Type.GetCustomAttribute<ExcludeFromInteractiveRoutingAttribute>()
                        is null
                ))
                .Where(p => !NotSwept.Contains(p.Template))
                .DistinctBy(p => p.Template)
                .OrderBy(p => p.Template, StringComparer.Ordinal),
        ];

    /// <summary>Real values from the demo data for each route parameter.</summary>
    private async Task<Dictionary<string, string>> SamplesAsync()
    {
        var factory = Fixture.Services.GetRequiredService<IDbContextFactory<ClarityDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return new()
        {
            ["/learn/{Slug}"] = await db
                .Modules.Where(m => m.IsPublished)
                .OrderBy(m => m.Order)
                .Select(m => m.Slug)
                .FirstAsync(),
            ["/providers/{Slug}"] = await db
                .Providers.Where(p => p.IsPublished)
                .OrderBy(p => p.SortOrder)
                .Select(p => p.Slug)
                .FirstAsync(),
            ["/admin/providers/{Id:int}"] = (await db.Providers.Select(p => p.Id).FirstAsync()).ToString(
                System.Globalization.CultureInfo.InvariantCulture
            ),
            ["/clinician/patients/{Id}"] = await db
                .Users.Where(u => u.Email == "patient@clarity.test")
                .Select(u => u.Id)
                .FirstAsync(),
            ["/clinician/patients/{Id}/record"] = await db
                .Users.Where(u => u.Email == "patient@clarity.test")
                .Select(u => u.Id)
                .FirstAsync(),
            ["/clinician/inbox/{Code}"] =
                await db.ContactRequests.OrderBy(r => r.Id).Select(r => r.Code).FirstOrDefaultAsync() ?? "",
        };
    }

    [SkippableTheory]
    [InlineData(null)]
    [InlineData("patient@clarity.test")]
    [InlineData("clinician@clarity.test")]
    [InlineData("admin@clarity.test")]
    public async Task EveryPageThisRoleCanOpenHasNoSeriousViolationsAtDesktopAndPhoneWidths(string? email)
    {
        Skip.If(Fixture.UnavailableReason is not null, Fixture.UnavailableReason);
        var samples = await SamplesAsync();
        var pages = PagesFromTheRouteTable();
        var failures = new List<string>();
        var (swept, notOpen) = (0, 0);
        foreach (var width in new[] { 1280, 375 })
        {
            var page = await Fixture.NewPageAsync(width, width == 375 ? 740 : 900);
            if (email is not null)
            {
                await SignInAsync(page, email);
                await WaitForLandingAsync(page);
            }

            foreach (var candidate in pages)
            {
                var address = candidate.Template.Contains('{', StringComparison.Ordinal)
                    ? samples.GetValueOrDefault(candidate.Template)
                    : candidate.Template;
                Assert.False(address is null, $"No sample value for {candidate.Template}: add one to SamplesAsync.");
                if (address.Length == 0)
                {
                    continue; // no such row in the demo data
                }

                var response = await page.GotoAsync(address);
                if (response?.Status != 200 || new Uri(page.Url).AbsolutePath != address.Split('?')[0])
                {
                    notOpen++; // sent to sign in, access denied or not found: not this role's page
                    continue;
                }

                if (candidate.Interactive)
                {
                    await WaitForInteractiveAsync(page); // or, a visitor's public page, its islands
                }

                try
                {
                    await Accessibility.AssertNoSeriousViolationsAsync(page);
                }
                catch (Xunit.Sdk.XunitException ex)
                {
                    failures.Add($"{width} px {address}: {ex.Message}");
                }

                swept++;
            }

            await page.Context.CloseAsync();
        }

        output.WriteLine($"{email ?? "anonymous"}: {swept} page views swept, {notOpen} not open to this role");
        Assert.True(swept > 0, "No page was swept.");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }
}
