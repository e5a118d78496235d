using System.Text.RegularExpressions;
using ClarityPortal.Data.Seeding;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ClarityPortal.EndToEndTests.Shell;

/// <summary>A visitor and a newly invited patient on a 390-px phone, moving only with the page's own menu.</summary>
[Collection(BrowserCollection.Name)]
public partial class PhoneWalkTests(PortalBrowserFixture fixture) : BrowserTest(fixture)
{
    private const int Phone = 390;

    [GeneratedRegex(@"https?://\S+/account/invitation\?token=[A-Za-z0-9_-]{43}")]
    private static partial Regex InvitationLink();

    [SkippableFact]
    public async Task OnAPhoneTheMenuLeadsThroughContactSignInAndAnInvitation()
    {
        var page = await OpenAsync("/", width: Phone, height: 844);

        // Before the circuit starts the menu already works; the desktop drawer and its toggle are hidden.
        await Assertions.Expect(page.Locator(".mud-drawer")).ToBeHiddenAsync();
        await GoByMenuAsync(page, "Contact", "/contact", "Contact the clinic");
        await AssertFitsAsync(page);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await GoByMenuAsync(page, "Sign in", "/account/login", "Sign in");
        await AssertFitsAsync(page);

        // A patient invited by the demo clinician opens the emailed link on their phone.
        var email = $"pia.{Guid.NewGuid():N}"[..13] + "@example.org";
        await InviteAsync("Pia Phone", email);
        var link = await MailedLinkAsync(email, InvitationLink());
        var patient = await OpenAsync(new Uri(link).PathAndQuery, width: Phone, height: 844);
        await Assertions
            .Expect(patient.GetByRole(AriaRole.Heading, new() { Name = "Welcome, Pia Phone" }))
            .ToBeVisibleAsync();
        await AssertFitsAsync(patient);
        await patient.Locator("details.phone-nav > summary").ClickAsync();
        await Assertions
            .Expect(patient.Locator(".phone-nav").GetByRole(AriaRole.Link, new() { Name = "Learn" }))
            .ToBeVisibleAsync();
        await patient.Keyboard.PressAsync("Escape");
        await Assertions.Expect(patient.Locator(".phone-nav__panel")).ToBeHiddenAsync();

        await patient.GetByLabel("New password").FillAsync("Pia-reads-on-2026!");
        await patient.GetByLabel("Type it again").FillAsync("Pia-reads-on-2026!");
        await patient.GetByRole(AriaRole.Button, new() { Name = "Set password and sign in" }).ClickAsync();
        await patient.WaitForURLAsync(Fixture.BaseUrl + "/my");
        await AssertFitsAsync(patient);

        // Signed in, the same menu offers the patient's own pages, and closes once a link is chosen.
        await GoByMenuAsync(patient, "My account", "/account", "My account");
        await GoByMenuAsync(patient, "My learning", "/my", null);
        await Assertions.Expect(patient.Locator(".phone-nav__panel")).ToBeHiddenAsync();

        // After moving inside the live page, the menu marks where the patient now is.
        await WaitForInteractiveAsync(patient);
        await patient.Locator("main a[href^='/learn/']").First.ClickAsync();
        await patient.WaitForURLAsync(new Regex("/learn/"));
        await patient.Locator("details.phone-nav > summary").ClickAsync();
        await Assertions
            .Expect(patient.Locator(".phone-nav").GetByRole(AriaRole.Link, new() { Name = "Learn", Exact = true }))
            .ToHaveAttributeAsync("aria-current", "page");
        await Assertions
            .Expect(patient.Locator(".phone-nav").GetByRole(AriaRole.Link, new() { Name = "My learning" }))
            .Not.ToHaveAttributeAsync("aria-current", "page");
        await patient.Keyboard.PressAsync("Escape");
        await Accessibility.AssertNoSeriousViolationsAsync(patient);
    }

    [SkippableFact]
    public async Task OnAPhoneTheExplorerIsLegibleAndItsButtonsStayPut()
    {
        var page = await OpenAsync("/learn/how-ketamine-works", width: Phone, height: 844);
        await WaitForInteractiveAsync(page);
        var explorer = page.Locator(".explorer");
        await explorer.ScrollIntoViewIfNeededAsync();

        // Every word in the diagram is at least 12 px tall as drawn on this screen.
        var smallest = await page.EvaluateAsync<double>(
            """
            Math.min(...[...document.querySelectorAll('.explorer svg text')].map(t =>
                parseFloat(getComputedStyle(t).fontSize) * t.ownerSVGElement.getBoundingClientRect().width / 640))
            """
        );
        Assert.True(smallest >= 12, $"The smallest diagram label is {smallest:0.0} px on a {Phone}-px screen.");

        // Stepping through every caption, long or short, never moves the buttons.
        var next = explorer.GetByRole(AriaRole.Button, new() { Name = "Next" });
        var offsets = new HashSet<double>();
        var steps = await explorer.Locator(".dot").CountAsync();
        for (var i = 0; i < steps; i++)
        {
            await Assertions.Expect(explorer.Locator(".explorer__caption")).ToContainTextAsync($"Step {i + 1} of");
            var button = (await next.BoundingBoxAsync())!;
            var box = (await explorer.BoundingBoxAsync())!;
            offsets.Add(Math.Round(button.Y - box.Y));
            if (i < steps - 1)
            {
                await next.ClickAsync();
            }
        }

        Assert.Single(offsets);
        await AssertFitsAsync(page);
    }

    [SkippableFact]
    public async Task OnAPhoneTheAuditLogIsReadableWithoutSidewaysScrolling()
    {
        // Many rows: a full page of the log, with long subjects.
        var log = Fixture.Services.GetRequiredService<ClarityPortal.Web.Infrastructure.Audit.AuditLog>();
        for (var i = 0; i < 120; i++)
        {
            await log.RecordAsync(
                "sweep",
                "clinician@clarity.test",
                ClarityPortal.Data.Audit.AuditActions.PatientViewed,
                $"patient {Guid.NewGuid()} with a long subject to wrap {i}"
            );
        }

        var page = await OpenAsync("/account/login", width: 375, height: 812);
        await SignInAsync(page, IdentitySeed.DemoAdmin);
        await WaitForLandingAsync(page);
        await page.GotoAsync("/admin/audit");
        await WaitForInteractiveAsync(page);

        var first = page.Locator(".audit-table tbody tr").First;
        await Assertions.Expect(first.Locator("td[data-label=Action]")).ToHaveCSSAsync("display", "block"); // a card
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 375, $"/admin/audit is {width}px wide on a 375px screen.");
        await Accessibility.AssertNoSeriousViolationsAsync(page); // no scrolling region that keys cannot reach
        // A full page of rows (AuditBrowser.PageSize).
        Assert.Equal(25, await page.Locator(".audit-table tbody tr").CountAsync());

        await page.SetViewportSizeAsync(1280, 900); // and the table on a desktop, with the same rows
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    private async Task GoByMenuAsync(IPage page, string link, string path, string? heading)
    {
        await page.Locator("details.phone-nav > summary").ClickAsync();
        await page.Locator(".phone-nav").GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
        await page.WaitForURLAsync(Fixture.BaseUrl + path);
        if (heading is not null)
        {
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(heading);
        }
    }

    private static async Task AssertFitsAsync(IPage page)
    {
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= Phone, $"{page.Url} is {width}px wide on a {Phone}px screen.");
    }

    private async Task InviteAsync(string name, string email)
    {
        var clinician = await OpenAsync("/");
        await SignInAsync(clinician, IdentitySeed.DemoClinician);
        await WaitForLandingAsync(clinician);
        await clinician.GotoAsync("/clinician/patients/invite");
        await WaitForInteractiveAsync(clinician);
        await clinician.GetByLabel("Patient's name").FillAsync(name);
        await clinician.GetByLabel("Email").FillAsync(email);
        await clinician.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await Assertions.Expect(clinician.Locator("#invite-result")).ToContainTextAsync($"Invitation sent to {email}");
        await clinician.Context.CloseAsync();
    }
}
