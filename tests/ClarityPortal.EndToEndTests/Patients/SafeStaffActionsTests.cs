using ClarityPortal.Data;
using ClarityPortal.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ClarityPortal.EndToEndTests.Patients;

[Collection(BrowserCollection.Name)]
public class SafeStaffActionsTests(PortalBrowserFixture fixture) : BrowserTest(fixture)
{
    [SkippableFact]
    public async Task UnassigningAsksFirstAndUndoBringsTheLessonBackWithItsDueDate()
    {
        var page = await OpenAsync("/account/login");
        await SignInAsync(page, IdentitySeed.DemoClinician);
        await WaitForLandingAsync(page);

        string patientId;
        List<DateOnly?> dues;
        await using (var scope = Fixture.Services.CreateAsyncScope())
        {
            await using var db = await scope
                .ServiceProvider.GetRequiredService<IDbContextFactory<ClarityDbContext>>()
                .CreateDbContextAsync();
            patientId = await db.Users.Where(u => u.Email == IdentitySeed.DemoPatient).Select(u => u.Id).SingleAsync();
            dues = await DuesAsync(db, patientId);
            Assert.Contains(dues, d => d != null); // the demo patient's lessons have due dates
        }

        await page.GotoAsync($"/clinician/patients/{patientId}");
        await WaitForInteractiveAsync(page);
        var unassign = page.Locator("#patient-modules").GetByRole(AriaRole.Button, new() { Name = "Unassign" }).First;
        await unassign.ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("Their reading so far is kept");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Keep it" }).ClickAsync(); // nothing happens
        await Assertions.Expect(page.Locator("#unassign-undo")).ToHaveCountAsync(0);

        await unassign.ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Unassign" }).ClickAsync();
        await Assertions.Expect(page.Locator("#unassign-undo")).ToContainTextAsync("is no longer assigned");
        await page.Locator("#unassign-undo").GetByRole(AriaRole.Button, new() { Name = "Undo" }).ClickAsync();
        await Assertions.Expect(page.Locator("#unassign-undo")).ToHaveCountAsync(0);

        // The panel goes as the undo starts (no second click), before the assignment is saved: wait for the save.
        List<DateOnly?> after = [];
        for (var i = 0; i < 100 && !after.SequenceEqual(dues); i++)
        {
            await Task.Delay(i == 0 ? 0 : 100);
            await using var scope = Fixture.Services.CreateAsyncScope();
            await using var db = await scope
                .ServiceProvider.GetRequiredService<IDbContextFactory<ClarityDbContext>>()
                .CreateDbContextAsync();
            after = await DuesAsync(db, patientId);
        }

        Assert.Equal(dues, after); // the same lessons, the same due dates
    }

    [SkippableFact]
    public async Task RevokingAnInvitationAsksFirstAndSaysWhatHappened()
    {
        var email = $"rex.{Guid.NewGuid():N}"[..12] + "@example.org";
        var page = await OpenAsync("/account/login");
        await SignInAsync(page, IdentitySeed.DemoClinician);
        await WaitForLandingAsync(page);
        await page.GotoAsync("/clinician/patients/invite");
        await WaitForInteractiveAsync(page);
        await page.GetByLabel("Patient's name").FillAsync("Rex Revoked");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        var row = page.Locator("#invitations tr").Filter(new() { HasText = email });
        await Assertions.Expect(row).ToContainTextAsync("Waiting");

        var revoke = row.GetByRole(AriaRole.Button, new() { Name = $"Revoke the invitation for {email}" });
        await revoke.ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("stops working");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("Waiting"); // nothing changed

        await revoke.ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Assertions
            .Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "was revoked" }))
            .ToContainTextAsync(email);
        await Assertions.Expect(row).Not.ToContainTextAsync("Waiting");
    }

    private static Task<List<DateOnly?>> DuesAsync(ClarityDbContext db, string patientId) =>
        db
            .ModuleAssignments.Where(a => a.PatientId == patientId)
            .OrderBy(a => a.ModuleId)
            .Select(a => a.DueOn)
            .ToListAsync();
}
