using Microsoft.Playwright;

namespace ClarityPortal.EndToEndTests.Shell;

[Collection(BrowserCollection.Name)]
public class ShellTests(PortalBrowserFixture fixture) : BrowserTest(fixture)
{
    [SkippableFact]
    public async Task TheHomePageBecomesInteractiveAndPassesAxe()
    {
        var page = await OpenAsync("/");

        await WaitForInteractiveAsync(page);

        await Assertions
            .Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 }))
            .ToContainTextAsync("Understand your care");
        await Assertions.Expect(page.Locator(".crisis-strip")).ToContainTextAsync("988");
        await Assertions.Expect(page.Locator("footer")).ToContainTextAsync("education, not medical advice");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    [SkippableFact]
    public async Task TheThemeToggleIsRememberedByThisBrowser()
    {
        var page = await OpenAsync("/");
        await WaitForInteractiveAsync(page);
        var background = await BodyBackgroundAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark theme" }).ClickAsync();
        await Assertions
            .Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to light theme" }))
            .ToBeVisibleAsync();
        Assert.NotEqual(background, await BodyBackgroundAsync(page));

        await page.ReloadAsync();
        await WaitForInteractiveAsync(page);
        await Assertions
            .Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to light theme" }))
            .ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    [SkippableFact]
    public async Task OnAPhoneThePageFitsTheScreenAndTheMenuOpens()
    {
        var page = await OpenAsync("/", width: 375, height: 812);
        await WaitForInteractiveAsync(page);

        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 375, $"The page is {scrollWidth}px wide on a 375px screen.");
        await Assertions.Expect(page.Locator(".crisis-strip")).ToBeVisibleAsync();

        await page.Locator("details.phone-nav > summary").ClickAsync();
        await Assertions
            .Expect(page.Locator(".phone-nav").GetByRole(AriaRole.Link, new() { Name = "Sign in" }))
            .ToBeVisibleAsync();

        foreach (var path in new[] { "/learn", "/learn/how-ketamine-works", "/learn/what-you-may-feel", "/contact" })
        {
            await page.GotoAsync(path);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
            var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            Assert.True(width <= 375, $"{path} is {width}px wide on a 375px screen.");
        }
    }

    [SkippableFact]
    public async Task AnUnknownAddressShowsTheFriendlyNotFoundPage()
    {
        var page = await OpenAsync("/no/such/page");

        await Assertions
            .Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 }))
            .ToContainTextAsync("find that page");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    private static Task<string> BodyBackgroundAsync(IPage page) =>
        page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor");
}
