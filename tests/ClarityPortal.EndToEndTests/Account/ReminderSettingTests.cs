using Microsoft.Playwright;

namespace ClarityPortal.EndToEndTests.Account;

[Collection(BrowserCollection.Name)]
public class ReminderSettingTests(PortalBrowserFixture fixture) : BrowserTest(fixture)
{
    [SkippableFact]
    public async Task APatientTurnsReminderEmailsOffAndOnAgainOnMyAccount()
    {
        var page = await OpenAsync("/account/login");
        await SignInAsync(page, "patient@clarity.test");
        await WaitForLandingAsync(page);
        await page.GotoAsync("/account");

        var status = page.Locator("#reminders-status");
        await Assertions.Expect(status).ToContainTextAsync("On.");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Turn reminder emails off" }).ClickAsync();
        await Assertions
            .Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Reminder emails are off." }))
            .ToBeVisibleAsync();
        await Assertions.Expect(status).ToContainTextAsync("Off.");

        // It stays off on a fresh visit, and turns on again the same way.
        await page.GotoAsync("/account");
        await Assertions.Expect(status).ToContainTextAsync("Off.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn reminder emails on" }).ClickAsync();
        await Assertions.Expect(status).ToContainTextAsync("On.");
    }
}
