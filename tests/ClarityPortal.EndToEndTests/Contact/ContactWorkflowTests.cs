using System.Text.RegularExpressions;
using ClarityPortal.Data;
using ClarityPortal.Data.Audit;
using ClarityPortal.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ClarityPortal.EndToEndTests.Contact;

[Collection(BrowserCollection.Name)]
public class ContactWorkflowTests(PortalBrowserFixture fixture) : BrowserTest(fixture)
{
    [SkippableFact]
    public async Task AVisitorsRequestIsWorkedToClosureByAClinician()
    {
        // A visitor writes to the clinic.
        var visitor = await OpenAsync("/contact");
        await Accessibility.AssertNoSeriousViolationsAsync(visitor);
        await visitor.GetByLabel("Your name *").FillAsync("Robin Visitor");
        await visitor.GetByRole(AriaRole.Textbox, new() { Name = "Email" }).FillAsync("robin@example.org");
        await visitor.GetByLabel("What is it about? *").SelectOptionAsync("KapQuestion");
        await visitor.GetByLabel(new Regex("^Your message")).FillAsync("Is KAP something my doctor can refer me to?");
        await visitor.GetByLabel(new Regex("^I agree that the clinic may contact me")).CheckAsync();
        await visitor.WaitForTimeoutAsync(3100); // a person takes a few seconds; the minimum fill time is 3 s
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Send message" }).ClickAsync();
        await visitor.WaitForURLAsync(new Regex("/contact/sent"));
        var code = await visitor.Locator(".reference-code").InnerTextAsync();
        Assert.Matches("^CR-[A-Z0-9]{5}$", code);
        await Accessibility.AssertNoSeriousViolationsAsync(visitor);

        // A clinician finds it by its code and works it.
        var page = await Fixture.NewPageAsync();
        await SignInAsync(page, IdentitySeed.DemoClinician);
        await WaitForLandingAsync(page);
        await page.GotoAsync("/clinician/inbox");
        await WaitForInteractiveAsync(page);
        await page.GetByLabel("Search name, email or reference").FillAsync(code);
        await page.GetByLabel("Search name, email or reference").PressAsync("Enter");
        await Assertions.Expect(page.Locator("tbody tr")).ToHaveCountAsync(1);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = code }).ClickAsync();
        await Assertions
            .Expect(page.Locator(".request-message"))
            .ToHaveTextAsync("Is KAP something my doctor can refer me to?");
        await WaitForInteractiveAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Assign to me" }).ClickAsync();
        await Assertions.Expect(page.Locator(".history")).ToContainTextAsync("assigned it to Dr. Casey Clinician");
        await page.GetByLabel("Note", new() { Exact = true }).FillAsync("Called back, left a voicemail.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await Assertions.Expect(page.Locator(".history")).ToContainTextAsync("Called back, left a voicemail.");

        await MoveToAsync(page, "Scheduled", null);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Scheduled");
        await MoveToAsync(page, "Closed", null);
        await Assertions.Expect(page.GetByText("Give a reason for marking it Closed.")).ToBeVisibleAsync();
        await MoveToAsync(page, "Closed", "Consultation booked for next week.");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Closed");
        await Assertions.Expect(page.Locator(".history")).ToContainTextAsync("moved it from Scheduled to Closed");
        await Assertions.Expect(page.Locator(".history")).ToContainTextAsync("Consultation booked for next week.");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        // Opened once by a link in the circuit, once by a full load (prerender + circuit): two views, two audit rows.
        await page.ReloadAsync();
        await WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator(".request-message")).ToBeVisibleAsync();
        var factory = Fixture.Services.GetRequiredService<IDbContextFactory<ClarityDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        Assert.Equal(
            2,
            await db.AuditEvents.CountAsync(e => e.Action == AuditActions.ContactViewed && e.Subject == code)
        );
    }

    private static async Task MoveToAsync(IPage page, string status, string? reason)
    {
        await page.GetByLabel("Move to").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = status, Exact = true }).ClickAsync();
        if (reason is not null)
        {
            await page.GetByLabel(new Regex("^Reason")).FillAsync(reason);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Change status" }).ClickAsync();
    }
}
