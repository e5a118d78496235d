using ClarityPortal.Data.Identity;
using ClarityPortal.Data.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OtpNet;

namespace ClarityPortal.EndToEndTests.Account;

[Collection(BrowserCollection.Name)]
public class TwoFactorFlowTests(PortalBrowserFixture fixture) : BrowserTest(fixture)
{
    private const string Password = "A staff sentence for two-factor";

    /// <summary>What an authenticator app shows for the key, now or a step later.</summary>
    private static string Code(string key, int stepsAhead = 0) =>
        new Totp(Base32Encoding.ToBytes(key.Replace(" ", "", StringComparison.Ordinal))).ComputeTotp(
            DateTime.UtcNow.AddSeconds(30 * stepsAhead)
        );

    [SkippableFact]
    public async Task StaffEnrolRightAfterThePasswordWithACodeFromTheShownKeyAndThenSignInWithIt()
    {
        var email = $"mfa.{Guid.NewGuid():N}"[..12] + "@example.org";
        await using (var scope = Fixture.Services.CreateAsyncScope())
        {
            await IdentitySeed.EnsureUserAsync(
                scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>(),
                email,
                "Morgan Factor",
                UserKind.Staff,
                PortalRoles.Clinician,
                DateTime.UtcNow,
                Password
            );
        }

        var settings = new Dictionary<string, string?> { ["Identity:RequireStaffTwoFactor"] = "true" };
        await Fixture.WithSettingsAsync(
            settings,
            async () =>
            {
                // Right after the password: set-up, and nothing else.
                var page = await OpenAsync("/account/login");
                await SignInAsync(page, email, Password);
                await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/account/two-factor"));
                await Assertions.Expect(page.Locator("#must-enrol")).ToBeVisibleAsync();
                await Accessibility.AssertNoSeriousViolationsAsync(page);
                await page.GotoAsync("/clinician/patients");
                await page.WaitForURLAsync(Fixture.BaseUrl + "/account/two-factor");

                // The key as text (the QR code carries the same), a code computed from it, then the recovery codes.
                var key = await page.Locator("#two-factor-key").InnerTextAsync();
                Assert.Matches("^[A-Z2-7]{4}( [A-Z2-7]{4}){7}$", key.Trim());
                await Assertions
                    .Expect(page.GetByRole(AriaRole.Img, new() { Name = "QR code to add Clarity Portal" }))
                    .ToBeVisibleAsync();
                await page.GetByLabel("Type the 6-digit code the app shows").FillAsync(Code(key));
                await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();
                await Assertions.Expect(page.Locator(".recovery-codes li")).ToHaveCountAsync(10);
                await Accessibility.AssertNoSeriousViolationsAsync(page);
                await page.GetByRole(AriaRole.Link, new() { Name = "I've saved them, continue" }).ClickAsync();
                await page.GotoAsync("/clinician/patients");
                await Assertions
                    .Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Patients", Exact = true }))
                    .ToBeVisibleAsync();

                // Next time: password, then the app's code (the next one: each code works once).
                var next = await Fixture.NewPageAsync();
                await SignInAsync(next, email, Password);
                await next.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/account/login/two-factor"));
                await Accessibility.AssertNoSeriousViolationsAsync(next);
                Assert.False(await next.GetByLabel("Don't ask for a code on this device").IsCheckedAsync());
                await next.GetByLabel("Code", new() { Exact = true }).FillAsync(Code(key, stepsAhead: 1));
                await next.GetByRole(AriaRole.Button, new() { Name = "Verify and sign in" }).ClickAsync();
                await next.WaitForURLAsync(Fixture.BaseUrl + "/clinician");
                await next.GotoAsync("/account");
                await Assertions.Expect(next.Locator("#two-factor-status")).ToContainTextAsync("On:");
            }
        );
    }
}
