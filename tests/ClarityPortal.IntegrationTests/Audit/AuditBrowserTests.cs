using ClarityPortal.Data.Audit;
using ClarityPortal.Data.Identity;
using ClarityPortal.Web.Features.Audit;
using ClarityPortal.Web.Infrastructure.Audit;
using ClarityPortal.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClarityPortal.IntegrationTests.Audit;

public class AuditBrowserTests : IAsyncLifetime
{
    private readonly PortalFactory portal = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await portal.DisposeAsync();

    [Fact]
    public async Task TheAuditLogShowsActionsInWordsAndNamesInsteadOfAccountIdsKeepingTheRawTextOnHover()
    {
        var id = Guid.NewGuid().ToString();
        await portal.WithDbAsync(async db =>
        {
            db.Users.Add(
                new ApplicationUser
                {
                    Id = id,
                    UserName = "ana@example.org",
                    DisplayName = "Ana Audit",
                }
            );
            return await db.SaveChangesAsync();
        });
        var unknown = Guid.NewGuid().ToString();
        await portal
            .Services.GetRequiredService<AuditLog>()
            .RecordAsync("staff-1", "clinician@example.org", AuditActions.PatientViewed, id, $"with {unknown}");

        await using var scope = portal.ScopeAs(PortalFactory.User("admin-1", PortalRoles.Admin));
        var page = await scope.ServiceProvider.GetRequiredService<AuditBrowser>().ListAsync(null, null, 1);

        var row = page.Rows.First(r => r.Event.Subject == id);
        Assert.Equal("Patient page viewed", row.Label);
        Assert.Equal("Ana Audit", row.Subject);
        Assert.Equal($"with {unknown}", row.Details); // an id that is no account stays as it is
        Assert.Equal(AuditActions.PatientViewed, row.Event.Action);
        var viewed = await portal.WithDbAsync(db =>
            db.AuditEvents.OrderBy(e => e.Id).LastAsync(e => e.Action == AuditActions.AuditLogViewed)
        );
        Assert.Equal("admin-1", viewed.ActorId); // reading the log is recorded too
    }

    [Fact]
    public async Task OnlyAdminsCanReadTheAuditLog()
    {
        await using var scope = portal.ScopeAs(PortalFactory.User("clinician-1", PortalRoles.Clinician));

        await Assert.ThrowsAnyAsync<UnauthorizedAccessException>(() =>
            scope.ServiceProvider.GetRequiredService<AuditBrowser>().ListAsync(null, null, 1)
        );
    }
}
