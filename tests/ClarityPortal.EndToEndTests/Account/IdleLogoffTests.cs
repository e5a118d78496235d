using Microsoft.Playwright;

namespace ClarityPortal.EndToEndTests.Account;

[Collection(BrowserCollection.Name)]
public class IdleLogoffTests(PortalBrowserFixture fixture) : BrowserTest(fixture)
{
    [SkippableFact]
    public async Task AnIdlePageWarnsFirstStaySignedInExtendsItAndThenItSignsOutWithAClearMessage()
    {
        // Short limits for this test only: signed out after 30 s idle, warned for the last 25 s.
        var settings = new Dictionary<string, string?>
        {
            ["Session:PatientIdleTimeout"] = "00:00:30",
            ["Session:IdleWarning"] = "00:00:25",
        };
        await Fixture.WithSettingsAsync(
            settings,
            async () =>
            {
                var page = await OpenAsync("/account/login");
                await SignInAsync(page, "patient@clarity.test");
                await WaitForLandingAsync(page);
                await page.GotoAsync("/my");
                await WaitForInteractiveAsync(page);

                var warning = page.GetByRole(AriaRole.Alertdialog, new() { Name = "Are you still there?" });
                await Assertions.Expect(warning).ToBeVisibleAsync(new() { Timeout = 20_000 });
                await Assertions.Expect(warning).ToContainTextAsync("you will be signed out in");
                await Assertions
                    .Expect(page.GetByRole(AriaRole.Button, new() { Name = "Stay signed in" }))
                    .ToBeFocusedAsync();
                await Accessibility.AssertNoSeriousViolationsAsync(page);

                await page.GetByRole(AriaRole.Button, new() { Name = "Stay signed in" }).ClickAsync();
                await Assertions.Expect(warning).ToBeHiddenAsync();

                // Left alone: the warning again, then sign-in with the reason.
                await Assertions.Expect(warning).ToBeVisibleAsync(new() { Timeout = 20_000 });
                await page.WaitForURLAsync(
                    Fixture.BaseUrl + "/account/login?signedOut=idle",
                    new() { Timeout = 45_000 }
                );
                await Assertions.Expect(page.Locator("#signed-out-idle")).ToContainTextAsync("signed out because");
                await page.GotoAsync("/my");
                await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
            }
        );
    }
}
