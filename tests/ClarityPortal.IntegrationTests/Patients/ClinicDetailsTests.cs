using ClarityPortal.Data.Audit;
using ClarityPortal.Data.Identity;
using ClarityPortal.Web.Features.Admin;
using ClarityPortal.Web.Infrastructure;
using ClarityPortal.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClarityPortal.IntegrationTests.Patients;

/// <summary>
/// Admins set how to reach the clinic; everyone sees it (footer, contact, policy pages) and every email is signed.
/// </summary>
public sealed class ClinicDetailsTests : IAsyncLifetime
{
    private readonly CaseloadFactory factory = new();

    private static readonly ClinicContact Riverside = new(
        "Riverside Psychiatry",
        "(555) 010-0199",
        "1 River Road",
        "Mon–Fri 9–5",
        "Nights and weekends: the on-call clinician at (555) 010-0100.",
        "We keep your information private. <script>alert(1)</script>",
        "https://riverside.example/terms",
        true // an admin's save is never a sample
    );

    public Task InitializeAsync() => factory.SeedAsync();

    public async Task DisposeAsync() => await factory.DisposeAsync();

    private AsyncServiceScope As(ApplicationUser user, string role) => factory.ScopeAs(CaseloadFactory.As(user, role));

    [Fact]
    public async Task OnlyAdminsSetTheDetailsBadOnesAreExplainedAndEachChangeIsAudited()
    {
        await using (var scope = As(factory.ClinicianA, PortalRoles.Clinician))
        {
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
                scope.ServiceProvider.GetRequiredService<ClinicDetailsService>().SaveAsync(Riverside)
            );
        }

        await using (var scope = As(factory.Admin, PortalRoles.Admin))
        {
            var clinic = scope.ServiceProvider.GetRequiredService<ClinicDetailsService>();
            Assert.Contains("phone number", await clinic.SaveAsync(Riverside with { Phone = "call us" }));
            Assert.Contains("clinic's name", await clinic.SaveAsync(Riverside with { Name = " " }));
            Assert.Null(await clinic.SaveAsync(Riverside));
            Assert.False((await clinic.GetAsync()).IsSample);
        }

        Assert.True(
            await factory.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.ClinicDetailsChanged))
        );
    }

    [Fact]
    public async Task EveryPageEmailAndPolicyPageShowsWhatTheAdminSet()
    {
        var client = factory.CreatePortalClient();
        Assert.DoesNotContain("clinic-contact", await client.GetStringAsync("/contact")); // nothing invented

        await using (var scope = As(factory.Admin, PortalRoles.Admin))
        {
            Assert.Null(await scope.ServiceProvider.GetRequiredService<ClinicDetailsService>().SaveAsync(Riverside));
        }

        var contact = await client.GetStringAsync("/contact");
        Assert.Contains("href=\"tel:5550100199\"", contact);
        Assert.Contains("Nights and weekends", contact);
        var privacy = await client.GetStringAsync("/privacy");
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", privacy); // the clinic's text, never markup
        Assert.Contains("href=\"https://riverside.example/terms\"", await client.GetStringAsync("/terms"));

        await factory.WithDbAsync(async db =>
        {
            factory.Services.GetRequiredService<Outbox>().Enqueue(db, "someone@example.org", "Hello", "Body.");
            await db.SaveChangesAsync();
            return 0;
        });
        var body = await factory.WithDbAsync(db =>
            db.Outbox.Where(m => m.Subject == "Hello").Select(m => m.Body).SingleAsync()
        );
        Assert.EndsWith("Riverside Psychiatry\n(555) 010-0199 (Mon–Fri 9–5)", body);
    }
}
