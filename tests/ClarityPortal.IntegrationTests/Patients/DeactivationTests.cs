using System.Net;
using ClarityPortal.Data.Identity;
using ClarityPortal.Data.Seeding;
using ClarityPortal.IntegrationTests.Progress;
using ClarityPortal.Web.Features.Admin;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace ClarityPortal.IntegrationTests.Patients;

public sealed class ClockedCaseloadFactory : CaseloadFactory
{
    public ClockedCaseloadFactory()
    {
        Clock.Now = DateTimeOffset.UtcNow;
        TestServices = services =>
        {
            services.AddSingleton<IInterceptor>(Counter);
            services.AddSingleton<TimeProvider>(Clock);
        };
    }

    public ManualClock Clock { get; } = new();
}

/// <summary>Deactivation ends a signed-in session within the one-minute validation interval, by the app's own clock.</summary>
public sealed class DeactivationTests : IClassFixture<ClockedCaseloadFactory>, IAsyncLifetime
{
    private readonly ClockedCaseloadFactory factory;

    public DeactivationTests(ClockedCaseloadFactory factory) => this.factory = factory;

    public Task InitializeAsync() => factory.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ADeactivatedClinicianSOpenSessionEndsWithinAMinute()
    {
        await using (var users = factory.Services.CreateAsyncScope())
        {
            await IdentitySeed.EnsureUserAsync(users.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>(),
                "session@example.org", "Session Clinician", UserKind.Staff, PortalRoles.Clinician, DateTime.UtcNow, CaseloadFactory.Password);
        }

        var client = factory.CreatePortalClient();
        await client.SignInAsync("session@example.org", CaseloadFactory.Password);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/clinician/patients")).StatusCode);

        var id = await factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(db.Users.Where(u => u.Email == "session@example.org").Select(u => u.Id)));
        await using (var scope = factory.ScopeAs(CaseloadFactory.As(factory.Admin, PortalRoles.Admin)))
        {
            Assert.Null(await scope.ServiceProvider.GetRequiredService<StaffService>().SetActiveAsync(id, active: false));
        }

        // Cookies are re-checked once a minute (the clock here is the app's), so the change lands at the next check.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/clinician/patients")).StatusCode);
        factory.Clock.Advance(61);
        var after = await client.GetAsync("/clinician/patients");

        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("/account/login", after.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task ARoleChangeReachesASignedInBrowserWithinAMinute()
    {
        await using (var users = factory.Services.CreateAsyncScope())
        {
            await IdentitySeed.EnsureUserAsync(users.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>(),
                "promoted@example.org", "Promoted Clinician", UserKind.Staff, PortalRoles.Clinician, DateTime.UtcNow, CaseloadFactory.Password);
        }

        var client = factory.CreatePortalClient();
        await client.SignInAsync("promoted@example.org", CaseloadFactory.Password);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/admin/staff")).StatusCode);

        var id = await factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(db.Users.Where(u => u.Email == "promoted@example.org").Select(u => u.Id)));
        await using (var scope = factory.ScopeAs(CaseloadFactory.As(factory.Admin, PortalRoles.Admin)))
        {
            Assert.Null(await scope.ServiceProvider.GetRequiredService<StaffService>().SetRolesAsync(id, clinician: true, admin: true));
        }

        factory.Clock.Advance(61);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/staff")).StatusCode);
    }
}
