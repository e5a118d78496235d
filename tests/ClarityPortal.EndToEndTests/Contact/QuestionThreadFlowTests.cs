using ClarityPortal.Data;
using ClarityPortal.Data.Contact;
using ClarityPortal.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ClarityPortal.EndToEndTests.Contact;

[Collection(BrowserCollection.Name)]
public class QuestionThreadFlowTests(PortalBrowserFixture fixture) : BrowserTest(fixture)
{
    [SkippableFact]
    public async Task APatientAsksTheCareTeamRepliesAndThePatientReadsTheAnswer()
    {
        var question = $"Can I bring music to my session? ({Guid.NewGuid():N})"[..50];

        // The patient asks at the end of a lesson.
        var patient = await OpenAsync("/account/login");
        await SignInAsync(patient, IdentitySeed.DemoPatient);
        await patient.WaitForURLAsync(Fixture.BaseUrl + "/my");
        await patient.GotoAsync("/learn/what-you-may-feel"); // a lesson no other browser test reads as this patient
        await WaitForInteractiveAsync(patient);
        await patient.GetByLabel("Your question").FillAsync(question);

        // The draft survives leaving the page (here: a reload), and is gone once sent. The circuit saves it in this
        // tab's storage a moment after typing: wait for that, as a person reading over their question would.
        await patient.WaitForFunctionAsync(
            "text => Object.keys(sessionStorage).some(k => k.startsWith('clarity-draft:') "
                + "&& sessionStorage.getItem(k) === text)",
            question
        );
        await patient.ReloadAsync();
        await WaitForInteractiveAsync(patient);
        await Assertions.Expect(patient.GetByLabel("Your question")).ToHaveValueAsync(question);
        await patient.GetByRole(AriaRole.Button, new() { Name = "Send my question" }).ClickAsync();
        await Assertions.Expect(patient.GetByText("Your question was sent to your care team.")).ToBeVisibleAsync();
        await patient.ReloadAsync();
        await WaitForInteractiveAsync(patient);
        await Assertions.Expect(patient.GetByLabel("Your question")).ToHaveValueAsync("");

        string code;
        await using (var scope = Fixture.Services.CreateAsyncScope())
        {
            var db = await scope
                .ServiceProvider.GetRequiredService<IDbContextFactory<ClarityDbContext>>()
                .CreateDbContextAsync();
            await using var _ = db;
            code = await db.ContactRequests.Where(r => r.Message == question).Select(r => r.Code).SingleAsync();
        }

        // The clinician answers from the inbox.
        var clinician = await Fixture.NewPageAsync();
        await SignInAsync(clinician, IdentitySeed.DemoClinician);
        await clinician.WaitForURLAsync(Fixture.BaseUrl + "/clinician");
        await clinician.GotoAsync($"/clinician/inbox/{code}");
        await WaitForInteractiveAsync(clinician);
        await Assertions.Expect(clinician.Locator("h1")).ToContainTextAsync("waiting for a reply");
        await clinician.GetByLabel("Your reply").FillAsync("Yes: bring headphones and a playlist without words.");
        await clinician.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();
        await Assertions.Expect(clinician.GetByText("Reply sent.")).ToBeVisibleAsync();
        await Assertions.Expect(clinician.Locator(".history")).ToContainTextAsync("replied to the patient");
        await Accessibility.AssertNoSeriousViolationsAsync(clinician);

        // The patient reads the answer on "My learning", at desktop and phone widths.
        foreach (var width in new[] { 1280, 390 })
        {
            var page = await OpenAsync("/account/login", width);
            await SignInAsync(page, IdentitySeed.DemoPatient);
            await page.WaitForURLAsync(Fixture.BaseUrl + "/my");
            var thread = page.Locator(".my-question", new() { HasText = question });
            await Assertions.Expect(thread).ToContainTextAsync("Answered");
            await Assertions.Expect(thread).ToContainTextAsync("bring headphones and a playlist without words");
            await Accessibility.AssertNoSeriousViolationsAsync(page);
        }
    }
}
