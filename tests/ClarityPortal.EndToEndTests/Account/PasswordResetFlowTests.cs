using System.Text.RegularExpressions;
using ClarityPortal.Data.Identity;
using ClarityPortal.Data.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;

namespace ClarityPortal.EndToEndTests.Account;

[Collection(BrowserCollection.Name)]
public partial class PasswordResetFlowTests(PortalBrowserFixture fixture) : BrowserTest(fixture)
{
    [GeneratedRegex(@"https?://\S+/account/reset-password\?token=[A-Za-z0-9_-]{43}")]
    private static partial Regex ResetLink();

    [SkippableFact]
    public async Task AForgottenPasswordIsReplacedFromTheSignInPageThroughTheEmailedLink()
    {
        var email = $"reset.{Guid.NewGuid():N}"[..14] + "@example.org";
        await using (var scope = Fixture.Services.CreateAsyncScope())
        {
            await IdentitySeed.EnsureUserAsync(
                scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>(),
                email,
                "Riley Reset",
                UserKind.Patient,
                PortalRoles.Patient,
                DateTime.UtcNow,
                "An old sentence nobody remembers"
            );
        }

        // From the sign-in page to "Forgot your password?".
        var page = await OpenAsync("/account/login");
        await page.GetByRole(AriaRole.Link, new() { Name = "Forgot your password?" }).ClickAsync();
        await page.WaitForURLAsync(Fixture.BaseUrl + "/account/forgot-password");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send me a link" }).ClickAsync();
        await Assertions.Expect(page.Locator("#reset-sent")).ToContainTextAsync("If an account uses that email");

        // The link from the email in the pickup folder; a weak password is explained and the link keeps working.
        var link = await MailedLinkAsync(email, ResetLink());
        await page.GotoAsync(new Uri(link).PathAndQuery);
        await Assertions
            .Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Choose a new password" }))
            .ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        // The rule is said before typing and ticked while typing; "Show password" shows what was typed.
        var rules = page.Locator(".password-rules__list");
        await Assertions.Expect(rules).ToContainTextAsync("at least 12 characters");
        await page.GetByLabel("New password").FillAsync("short");
        await Assertions.Expect(rules.Locator("[data-rule=length]")).Not.ToHaveClassAsync(new Regex("is-met"));
        await page.GetByLabel("New password").FillAsync("unbelievable");
        await Assertions.Expect(rules.Locator("[data-rule=length]")).ToHaveClassAsync(new Regex("is-met"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Show password" }).ClickAsync();
        await Assertions.Expect(page.Locator("#password")).ToHaveAttributeAsync("type", "text");
        await page.GetByLabel("Type it again").FillAsync("unbelievable");
        await Assertions.Expect(rules.Locator("[data-rule=match]")).ToHaveClassAsync(new Regex("is-met"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my new password" }).ClickAsync();
        await Assertions.Expect(page.Locator("#reset-error")).ToContainTextAsync("very common passwords");
        await page.GetByLabel("New password").FillAsync("a brand new sentence for Riley");
        await page.GetByLabel("Type it again").FillAsync("a brand new sentence for Riley");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my new password" }).ClickAsync();
        await Assertions.Expect(page.Locator("#reset-done")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        // The new password signs in.
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).Last.ClickAsync();
        await SignInAsync(page, email, "a brand new sentence for Riley");
        await page.WaitForURLAsync(Fixture.BaseUrl + "/my"); // patients land on "My learning"
        await Assertions.Expect(page.GetByText("Riley Reset")).ToBeVisibleAsync();
    }
}
