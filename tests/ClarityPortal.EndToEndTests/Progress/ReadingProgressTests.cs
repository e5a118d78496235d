using System.Text.RegularExpressions;
using ClarityPortal.Data.Seeding;
using ClarityPortal.Web.Features.Education;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ClarityPortal.EndToEndTests.Progress;

[Collection(BrowserCollection.Name)]
public partial class ReadingProgressTests(PortalBrowserFixture fixture) : BrowserTest(fixture)
{
    private const string Slug = "preparing-and-integrating";

    [SkippableFact]
    public async Task APatientReadsResumesAcknowledgesAndIsAskedAgainAfterAMaterialChange()
    {
        var page = await OpenAsync("/");
        await SignInAsync(page, IdentitySeed.DemoPatient);
        await WaitForLandingAsync(page);
        await page.GotoAsync($"/learn/{Slug}");
        await WaitForInteractiveAsync(page);
        var label = page.Locator("#progress-label");
        await Assertions.Expect(label).ToHaveTextAsync("0 of 6 sections read");

        // Read the first three sections with real dwell: scrolled into view, tab in front.
        var sections = page.Locator("[data-track-section]");
        for (var i = 0; i < 3; i++)
        {
            await sections.Nth(i).EvaluateAsync("el => el.scrollIntoView({ block: 'start' })");
            await Assertions
                .Expect(sections.Nth(i).Locator(".section-read"))
                .ToBeVisibleAsync(new() { Timeout = 15_000 });
        }

        await Assertions.Expect(label).ToHaveTextAsync(new Regex("^[3-6] of 6 sections read$"));
        var readBefore = await page.Locator(".section-read").CountAsync();

        // Leave, come back, and continue where we left off.
        await page.GotoAsync("/my");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Preparing for and integrating a KAP session");
        await page.GotoAsync($"/learn/{Slug}");
        await WaitForInteractiveAsync(page);
        var resume = page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Continue where you left off") });
        await resume.ClickAsync();
        // Focus moves through the circuit, so it can land a moment after the click returns (seen under CI load).
        await page.WaitForFunctionAsync("() => document.activeElement?.closest('[data-track-section]') != null");
        var lastKey = await page.EvaluateAsync<string>(
            "document.activeElement.closest('[data-track-section]').dataset.trackSection"
        );
        Assert.False(string.IsNullOrEmpty(lastKey));
        Assert.True(await page.Locator(".section-read").CountAsync() >= readBefore, "progress went backwards");

        // Read the rest, answer every check, acknowledge.
        for (var i = 3; i < 6; i++)
        {
            await sections.Nth(i).EvaluateAsync("el => el.scrollIntoView({ block: 'start' })");
            await Assertions
                .Expect(sections.Nth(i).Locator(".section-read"))
                .ToBeVisibleAsync(new() { Timeout = 15_000 });
        }

        await AnswerAsync(
            page,
            "What is an intention in KAP?",
            "A simple wish or question you bring to the session, like a compass."
        );
        await AnswerAsync(
            page,
            "You feel unsafe and are thinking about hurting yourself. What should you do?",
            "Call or text 988 now, or call 911 in an emergency."
        );
        await AnswerAsync(
            page,
            "You got home from a session two hours ago. Now you have chest pain and a bad headache. What should you "
                + "do?",
            "Call 911."
        );
        await page.GetByRole(AriaRole.Button, new() { Name = "I've read and understood this" }).ClickAsync();
        await Assertions.Expect(page.GetByText("This lesson is marked as understood.")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#next-lesson")).ToContainTextAsync("Next lesson: Safety");

        // On to the next lesson in the same page: its checks and explorer start as a fresh load shows them, with
        // nothing carried over from this lesson's answers.
        await page.Locator("#next-lesson").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Safety");
        await Assertions.Expect(page.Locator("#progress-label")).ToContainTextAsync("sections read");
        var checksAfterMove = await SettledChecksAsync(page);
        await page.ReloadAsync();
        await WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator("#progress-label")).ToContainTextAsync("sections read");
        Assert.Equal(await SettledChecksAsync(page), checksAfterMove);

        await page.GotoAsync("/my");
        var card = page.Locator(".my-module").Filter(new() { HasText = "Preparing for and integrating a KAP session" });
        await Assertions.Expect(card.Locator(".status")).ToHaveTextAsync("Complete");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        // The clinic publishes a material revision of the module.
        var file = Path.Combine(Fixture.ContentRoot, "modules", "04-preparing-and-integrating.md");
        var text = await File.ReadAllTextAsync(file);
        await File.WriteAllTextAsync(
            file,
            Regex
                .Replace(text, "version: \"([0-9]+)\\.0\"", "version: \"$1.1\"")
                .Replace(
                    "Plan a ride home.",
                    "Plan a ride home, and bring a list of your medicines.",
                    StringComparison.Ordinal
                )
        );
        await Fixture.Services.GetRequiredService<ContentSync>().SyncAsync();

        await page.ReloadAsync();
        await Assertions.Expect(card.Locator(".status")).ToHaveTextAsync("Needs re-acknowledgement");
        await Assertions.Expect(card).ToContainTextAsync("Before your session");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    [SkippableFact]
    public async Task AnonymousReadersAreInvitedToSignInAndNotTracked()
    {
        var page = await OpenAsync($"/learn/how-ketamine-works");
        await WaitForInteractiveAsync(page);

        await Assertions
            .Expect(page.GetByText("to save your progress and pick up where you left off."))
            .ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator(".reader-progress").CountAsync());
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Mark as read" }).CountAsync());
    }

    private static async Task AnswerAsync(IPage page, string question, string answer)
    {
        var check = page.Locator(".check").Filter(new() { HasText = question });
        await check.GetByText(answer, new() { Exact = true }).ClickAsync();
        await check.GetByRole(AriaRole.Button, new() { Name = "Check my answer" }).ClickAsync();
        await Assertions.Expect(check.Locator(".check__feedback")).ToContainTextAsync("That's right.");
    }

    /// <summary>
    /// The checks once two reads half a second apart agree (earlier answers arrive with the progress).
    /// </summary>
    private static async Task<string[]> SettledChecksAsync(IPage page)
    {
        var last = await ChecksAsync(page);
        for (var i = 0; i < 20; i++)
        {
            await Task.Delay(500);
            var now = await ChecksAsync(page);
            if (now.SequenceEqual(last))
            {
                return now;
            }

            last = now;
        }

        return last;
    }

    /// <summary>Each check on the page: its feedback and which option is chosen.</summary>
    private static Task<string[]> ChecksAsync(IPage page) =>
        page.EvaluateAsync<string[]>(
            """
            () => [...document.querySelectorAll('.check')].map(c =>
                (c.querySelector('.check__feedback')?.innerText ?? '') + '|'
                + [...c.querySelectorAll('input[type=radio]')].map(r => r.checked ? 1 : 0).join(''))
            """
        );
}
