using System.Text.RegularExpressions;
using ClarityPortal.Data.Seeding;
using Microsoft.Playwright;

namespace ClarityPortal.EndToEndTests.Account;

[Collection(BrowserCollection.Name)]
public partial class SignInFlowTests(PortalBrowserFixture fixture) : BrowserTest(fixture)
{
    [SkippableTheory]
    [InlineData(
        IdentitySeed.DemoPatient,
        "Patient",
        new[] { "Home", "Learn", "Providers", "Contact", "My learning", "My account" }
    )]
    [InlineData(
        IdentitySeed.DemoClinician,
        "Clinician",
        new[] { "Home", "Learn", "Providers", "Contact", "My account", "Overview", "Patients", "Inbox" }
    )]
    [InlineData(
        IdentitySeed.DemoAdmin,
        "Admin",
        new[]
        {
            "Home",
            "Learn",
            "Providers",
            "Contact",
            "My account",
            "Overview",
            "Patients",
            "Inbox",
            "Staff",
            "Manage providers",
            "Modules",
            "Clinic details",
            "Audit log",
        }
    )]
    public async Task EachDemoRoleSignsInSeesItsNavigationAndSignsOut(string email, string role, string[] navigation)
    {
        var page = await OpenAsync("/");

        await SignInAsync(page, email);
        await WaitForLandingAsync(page);
        await WaitForInteractiveAsync(page);

        var links = await page.Locator(".mud-drawer .mud-nav-link").AllInnerTextsAsync();
        Assert.Equal(navigation, links.Select(l => l.Trim()).ToArray());
        Assert.Contains(role, await page.Locator(".user-menu").InnerTextAsync());

        await page.GetByRole(AriaRole.Link, new() { Name = "My account", Exact = true }).ClickAsync();
        // /account is rendered on the server: the interactive router hands over with a full load. Wait for that page
        // itself (an admin's start page lists their email too).
        await Assertions.Expect(page.Locator("#sessions")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(email);
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync(Fixture.BaseUrl + "/");
        await Assertions
            .Expect(page.Locator("header").GetByRole(AriaRole.Link, new() { Name = "Sign in" }))
            .ToBeVisibleAsync();
        await page.GotoAsync("/account");
        Assert.Contains("/account/login", page.Url);
    }

    [SkippableFact]
    public async Task APatientOpeningAnAdminPageIsToldPolitelyAndCanGoHome()
    {
        var page = await OpenAsync("/");
        await SignInAsync(page, IdentitySeed.DemoPatient);
        await WaitForLandingAsync(page);

        await page.GotoAsync("/admin/providers");

        Assert.Contains("/account/access-denied", page.Url);
        await Assertions
            .Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 }))
            .ToHaveTextAsync("You don't have access to this page");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    [SkippableFact]
    public async Task AWrongPasswordShowsTheGenericMessage()
    {
        var page = await OpenAsync("/account/login");

        await SignInAsync(page, IdentitySeed.DemoClinician, "Not-The-Password-1!");

        await Assertions
            .Expect(page.GetByRole(AriaRole.Alert))
            .ToContainTextAsync("couldn't sign you in with that email and password");
        Assert.Contains("/account/login", page.Url);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    [SkippableFact]
    public async Task AProtectedPageSendsYouToSignInAndBackAfterwards()
    {
        var page = await OpenAsync("/admin/audit");
        Assert.Contains("/account/login", page.Url);

        await page.GetByLabel("Email").FillAsync(IdentitySeed.DemoAdmin);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(IdentitySeed.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();

        await page.WaitForURLAsync(new Regex("/admin/audit$"));
        await WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator("table")).ToContainTextAsync("Signed in");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify chain" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The chain is intact");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }
}
