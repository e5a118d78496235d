using System.Net;
using System.Security.Claims;
using ClarityPortal.Data.Identity;
using ClarityPortal.Data.Seeding;
using ClarityPortal.IntegrationTests.Progress;
using ClarityPortal.Web.Features.Admin;
using ClarityPortal.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ClarityPortal.IntegrationTests.Account;

/// <summary>
/// An Entra ID staff session (its own cookie) ends within a minute of deactivation, like a local one.
/// </summary>
public class EntraSessionTests(StubAuthority authority) : IClassFixture<StubAuthority>
{
    /// <summary>
    /// Test-only: issues the Entra staff cookie for a linked user, as a completed Microsoft sign-in would.
    /// </summary>
    private sealed class EntraCookieIssuer : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) =>
            app =>
            {
                app.Use(
                    async (context, nextMiddleware) =>
                    {
                        if (context.Request.Path != "/test/entra-cookie")
                        {
                            await nextMiddleware(context);
                            return;
                        }

                        var principal = new ClaimsPrincipal(
                            new ClaimsIdentity(
                                [
                                    new Claim(PortalUser.UserIdClaim, context.Request.Query["uid"].ToString()),
                                    new Claim("roles", PortalRoles.Clinician),
                                    new Claim("name", "Entra Clinician"),
                                ],
                                "AuthenticationTypes.Federation",
                                "name",
                                "roles"
                            )
                        );
                        await context.SignInAsync(EntraStaffSignIn.CookieScheme, principal);
                    }
                );
                next(app);
            };
    }

    [Fact]
    public async Task ADeactivatedEntraClinicianLosesPlainHttpPagesWithinAMinute()
    {
        var clock = new ManualClock { Now = DateTimeOffset.UtcNow };
        await using var portal = authority.Portal(services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddTransient<IStartupFilter, EntraCookieIssuer>();
        });
        ApplicationUser staff,
            admin;
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            staff = await IdentitySeed.EnsureUserAsync(
                users,
                "entra.clinician@example.org",
                "Entra Clinician",
                UserKind.Staff,
                PortalRoles.Clinician,
                DateTime.UtcNow,
                "Correct-Horse-2026"
            );
            staff.EntraObjectId = Guid.NewGuid().ToString();
            await users.UpdateAsync(staff);
            admin = await IdentitySeed.EnsureUserAsync(
                users,
                "entra.admin@example.org",
                "Admin",
                UserKind.Staff,
                PortalRoles.Admin,
                DateTime.UtcNow,
                "Correct-Horse-2026"
            );
        }

        var client = portal.CreatePortalClient();
        await client.GetAsync($"/test/entra-cookie?uid={staff.Id}");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/clinician/patients.csv")).StatusCode);

        await using (var scope = portal.ScopeAs(PortalFactory.User(admin.Id, PortalRoles.Admin)))
        {
            Assert.Null(
                await scope.ServiceProvider.GetRequiredService<StaffService>().SetActiveAsync(staff.Id, active: false)
            );
        }

        clock.Advance(61);
        var after = await client.GetAsync("/clinician/patients.csv");

        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("/account/login", after.Headers.Location!.AbsolutePath);
    }
}
