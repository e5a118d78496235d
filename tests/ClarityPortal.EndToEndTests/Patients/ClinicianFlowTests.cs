using System.Text.RegularExpressions;
using ClarityPortal.Data.Seeding;
using Microsoft.Playwright;
using MimeKit;

namespace ClarityPortal.EndToEndTests.Patients;

[Collection(BrowserCollection.Name)]
public partial class ClinicianFlowTests(PortalBrowserFixture fixture) : BrowserTest(fixture)
{
    private const string Slug = "preparing-and-integrating";

    [GeneratedRegex(@"https?://\S+/account/invitation\?token=[A-Za-z0-9_-]{43}")]
    private static partial Regex InvitationLink();

    [SkippableFact]
    public async Task AClinicianInvitesAPatientWhoReadsAndTheMatrixAndExportShowIt()
    {
        var email = $"erin.{Guid.NewGuid():N}"[..14] + "@example.org";

        // The demo clinician's overview, then the invitation.
        var clinician = await OpenAsync("/");
        await SignInAsync(clinician, IdentitySeed.DemoClinician);
        await clinician.WaitForURLAsync(Fixture.BaseUrl + "/clinician"); // clinicians land on their overview
        await clinician.GotoAsync("/clinician");
        await WaitForInteractiveAsync(clinician);
        await Assertions.Expect(clinician.Locator("#session-board")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(clinician);

        await clinician.GotoAsync("/clinician/patients/invite");
        await WaitForInteractiveAsync(clinician);
        await clinician.GetByLabel("Patient's name").FillAsync("Erin Endtoend");
        await clinician.GetByLabel("Email").FillAsync(email);
        await clinician.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await Assertions.Expect(clinician.Locator("#invite-result")).ToContainTextAsync($"Invitation sent to {email}");
        await Assertions.Expect(clinician.Locator("#invitations")).ToContainTextAsync(email);
        await Accessibility.AssertNoSeriousViolationsAsync(clinician);

        // The patient opens the link from the email in the pickup folder and chooses a password.
        var link = await MailedLinkAsync(email, InvitationLink());
        var patient = await OpenAsync(new Uri(link).PathAndQuery);
        await Assertions
            .Expect(patient.GetByRole(AriaRole.Heading, new() { Name = "Welcome, Erin Endtoend" }))
            .ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(patient);
        await patient.GetByLabel("New password").FillAsync("Erin-reads-2026!");
        await patient.GetByLabel("Type it again").FillAsync("Erin-reads-2026!");
        await patient.GetByRole(AriaRole.Button, new() { Name = "Set password and sign in" }).ClickAsync();
        await patient.WaitForURLAsync(Fixture.BaseUrl + "/my");

        // The safety lesson is part of the default starter set.
        await Assertions
            .Expect(
                patient.GetByRole(
                    AriaRole.Link,
                    new() { Name = "Safety: is KAP right for me, medicines, and warning signs" }
                )
            )
            .ToBeVisibleAsync();

        // ...and reads the first two sections of a module.
        await patient.GotoAsync($"/learn/{Slug}");
        await WaitForInteractiveAsync(patient);
        var sections = patient.Locator("[data-track-section]");
        for (var i = 0; i < 2; i++)
        {
            await sections.Nth(i).EvaluateAsync("el => el.scrollIntoView({ block: 'start' })");
            await Assertions
                .Expect(sections.Nth(i).Locator(".section-read"))
                .ToBeVisibleAsync(new() { Timeout = 15_000 });
        }

        // The clinician sees the cell change in the matrix.
        await clinician.GotoAsync("/clinician/patients?q=Erin");
        await WaitForInteractiveAsync(clinician);
        var row = clinician.Locator("table.matrix tbody tr").Filter(new() { HasText = "Erin Endtoend" });
        await Assertions.Expect(row).ToContainTextAsync(new Regex(@"In progress \d+%"));
        await Accessibility.AssertNoSeriousViolationsAsync(clinician);

        // ...exports the view as CSV...
        var download = await clinician.RunAndWaitForDownloadAsync(() => clinician.Locator("#export-csv").ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains("Erin Endtoend", csv, StringComparison.Ordinal);
        Assert.Matches(@"In progress \d+%", csv);
        Assert.DoesNotContain("Jordan Lee", csv, StringComparison.Ordinal); // the search is part of the view

        // ...and opens the patient's timeline.
        await row.GetByRole(AriaRole.Link, new() { Name = "Erin Endtoend" }).ClickAsync();
        await WaitForInteractiveAsync(clinician);
        await Assertions.Expect(clinician.Locator("#timeline")).ToContainTextAsync("Joined the portal");
        await Assertions.Expect(clinician.Locator("#timeline")).ToContainTextAsync("Read “");
        await Accessibility.AssertNoSeriousViolationsAsync(clinician);
    }

    [SkippableFact]
    public async Task AnAdminManagesStaffAndReadsTheAuditOfPatientViews()
    {
        var page = await OpenAsync("/");
        await SignInAsync(page, IdentitySeed.DemoAdmin);
        await WaitForLandingAsync(page);
        await page.GotoAsync("/clinician/patients");
        await WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator("#matrix-count")).ToContainTextAsync("patients");

        await page.GotoAsync("/admin/staff");
        await WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator("#staff")).ToContainTextAsync(IdentitySeed.DemoClinician);
        // The only admin cannot give up the role: first add the clinician role, then try to drop admin. Each role
        // change is confirmed in a dialog first.
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Clinician role for Avery Admin" }).ClickAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page); // with the dialog open
        await ConfirmAsync(page, "Change roles");
        await Assertions.Expect(page.Locator("#staff-message")).ToContainTextAsync("Roles for Avery Admin saved");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Admin role for Avery Admin" }).ClickAsync();
        await ConfirmAsync(page, "Change roles");
        await Assertions.Expect(page.Locator("#staff-message")).ToContainTextAsync("at least one active admin");
        await Assertions
            .Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "Admin role for Avery Admin" }))
            .ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Clinician role for Avery Admin" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync(); // changed their mind
        await Assertions
            .Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "Clinician role for Avery Admin" }))
            .ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Clinician role for Avery Admin" }).ClickAsync();
        await ConfirmAsync(page, "Change roles");
        await Assertions.Expect(page.Locator("#staff-message")).ToContainTextAsync("Roles for Avery Admin saved");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.GotoAsync("/admin/audit");
        await WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Patient list viewed");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    private static async Task ConfirmAsync(IPage page, string button)
    {
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();
    }
}
