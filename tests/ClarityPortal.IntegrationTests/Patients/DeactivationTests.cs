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

/// <summary>
/// Deactivation ends a signed-in session within the one-minute validation interval, by the app's own clock.
/// </summary>
public sealed class DeactivationTests : IClassFixture<ClockedCaseloadFactory>, IAsyncLifetime
{
    private readonly ClockedCaseloadFactory factory;

    public DeactivationTests(ClockedCaseloadFactory factory) => this.factory = factory;

    public Task InitializeAsync() => factory.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ADeactivatedClinicianSOpenSessionEndsAtOnce()
    {
        var (client, id) = await SignedInClinicianAsync("session@example.org");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/clinician/patients")).StatusCode);

        await using (var scope = factory.ScopeAs(CaseloadFactory.As(factory.Admin, PortalRoles.Admin)))
        {
            Assert.Null(
                await scope.ServiceProvider.GetRequiredService<StaffService>().SetActiveAsync(id, active: false)
            );
        }

        // Their server-side sessions are revoked with the deactivation (open pages follow within a minute).
        var after = await client.GetAsync("/clinician/patients");

        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("/account/login", after.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task ARoleChangeReachesASignedInBrowserWithinAMinute()
    {
        var (client, id) = await SignedInClinicianAsync("promoted@example.org");
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/admin/staff")).StatusCode);

        await using (var scope = factory.ScopeAs(CaseloadFactory.As(factory.Admin, PortalRoles.Admin)))
        {
            Assert.Null(
                await scope
                    .ServiceProvider.GetRequiredService<StaffService>()
                    .SetRolesAsync(id, clinician: true, admin: true)
            );
        }

        factory.Clock.Advance(61);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/staff")).StatusCode);
    }

    /// <summary>A new local clinician account and a browser-like client signed in with it.</summary>
    private async Task<(HttpClient Client, string Id)> SignedInClinicianAsync(string email)
    {
        await using var users = factory.Services.CreateAsyncScope();
        var user = await IdentitySeed.EnsureUserAsync(
            users.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>(),
            email,
            email,
            UserKind.Staff,
            PortalRoles.Clinician,
            DateTime.UtcNow,
            CaseloadFactory.Password
        );
        var client = factory.CreatePortalClient();
        await client.SignInAsync(email, CaseloadFactory.Password);
        return (client, user.Id);
    }
}
