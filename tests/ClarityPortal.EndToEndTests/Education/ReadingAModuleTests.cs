using ClarityPortal.Data.Seeding;
using Microsoft.Playwright;

namespace ClarityPortal.EndToEndTests.Education;

[Collection(BrowserCollection.Name)]
public class ReadingAModuleTests(PortalBrowserFixture fixture) : BrowserTest(fixture)
{
    [SkippableFact]
    public async Task TheCatalogLeadsToAModuleAndPassesAxe()
    {
        var page = await OpenAsync("/learn");
        await WaitForInteractiveAsync(page);
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "How ketamine works: the NMDA receptor" }).ClickAsync();

        await Assertions
            .Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 }))
            .ToHaveTextAsync("How ketamine works: the NMDA receptor");
        await WaitForInteractiveAsync(page);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    /// <summary>
    /// Every lesson in the catalog goes live when opened directly: a circuit the hub refused (the safety lesson's
    /// first message was once too large) leaves a page that looks right and keeps nothing.
    /// </summary>
    [SkippableFact]
    public async Task EveryLessonInTheCatalogGoesLiveWhenOpenedDirectly()
    {
        var page = await OpenAsync("/learn");
        var lessons = await page.Locator("main a[href^='/learn/']")
            .EvaluateAllAsync<string[]>("links => [...new Set(links.map(a => a.getAttribute('href')))]");
        Assert.Contains("/learn/safety", lessons);

        foreach (var lesson in lessons.Where(l => l != "/learn/glossary"))
        {
            await page.GotoAsync(lesson);
            await WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("main h1")).Not.ToHaveTextAsync("");
        }
    }

    [SkippableFact]
    public async Task TheExplorerStepsToItsEndWithTheKeyboard()
    {
        var page = await OpenAsync("/learn/how-ketamine-works");
        await WaitForInteractiveAsync(page);
        // A visitor's lesson has no circuit of its own: the explorer is an island that went live (ADR 0011).
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-circuit", "false");
        await Assertions.Expect(page.Locator(".explorer")).ToHaveAttributeAsync("data-live", "true");
        var caption = page.Locator(".explorer__caption");
        await Assertions.Expect(caption).ToContainTextAsync("Step 1 of 7");

        await page.Locator(".explorer__stage").FocusAsync();
        for (var step = 2; step <= 7; step++)
        {
            await page.Keyboard.PressAsync("ArrowRight");
            await Assertions.Expect(caption).ToContainTextAsync($"Step {step} of 7");
        }

        await Assertions.Expect(caption).ToContainTextAsync("New spines grow");
        await Assertions
            .Expect(page.Locator(".explorer").GetByRole(AriaRole.Button, new() { Name = "Next" }))
            .ToBeDisabledAsync();
        await page.Keyboard.PressAsync("ArrowLeft");
        await Assertions.Expect(caption).ToContainTextAsync("Step 6 of 7");
    }

    [SkippableFact]
    public async Task AKnowledgeCheckAnswersWrongThenRight()
    {
        var page = await OpenAsync("/learn/how-ketamine-works");
        await WaitForInteractiveAsync(page);
        var check = page.Locator(".check").Filter(new() { HasText = "What does ketamine do to the NMDA receptor?" });

        await check.GetByText("It turns glutamate into GABA.", new() { Exact = true }).ClickAsync();
        await check.GetByRole(AriaRole.Button, new() { Name = "Check my answer" }).ClickAsync();
        await Assertions.Expect(check.Locator(".check__feedback")).ToContainTextAsync("Not quite");

        await check
            .GetByText("It sits inside the receptor's tunnel and blocks it.", new() { Exact = true })
            .ClickAsync();
        await check.GetByRole(AriaRole.Button, new() { Name = "Check my answer" }).ClickAsync();
        await Assertions.Expect(check.Locator(".check__feedback")).ToContainTextAsync("That's right.");
        await Assertions
            .Expect(check.Locator(".check__feedback"))
            .ToContainTextAsync("Ketamine enters the open tunnel");
    }

    [SkippableFact]
    public async Task AGlossaryTermShowsItsDefinitionOnKeyboardFocus()
    {
        var page = await OpenAsync("/learn/how-ketamine-works");
        await WaitForInteractiveAsync(page); // the circuit re-renders the page, which would drop focus
        var term = page.Locator(".term__button").First;
        var tip = page.Locator(".term__tip").First;
        await Assertions.Expect(tip).ToBeHiddenAsync();

        await term.FocusAsync();

        await Assertions.Expect(tip).ToBeVisibleAsync();
        await Assertions.Expect(tip).ToContainTextAsync("A brain cell");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(tip).ToBeHiddenAsync();
    }

    [SkippableFact]
    public async Task TheGlossaryTheSafetyLessonAndAnotherModulePassAxe()
    {
        var page = await OpenAsync("/learn/glossary");
        await Assertions.Expect(page.Locator("dt").First).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.GotoAsync("/learn/what-you-may-feel");
        await Assertions.Expect(page.Locator(".timeline")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.GotoAsync("/learn/safety");
        await Assertions
            .Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Warning signs after you go home" }))
            .ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    [SkippableFact]
    public async Task AnAdminSeesModuleRevisionsAndGrades()
    {
        var page = await OpenAsync("/");
        await SignInAsync(page, IdentitySeed.DemoAdmin);
        await WaitForLandingAsync(page);

        await page.GotoAsync("/admin/modules");
        await WaitForInteractiveAsync(page);

        await Assertions.Expect(page.GetByText("Revision history").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Glutamate, BDNF and synaptic plasticity");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }
}
