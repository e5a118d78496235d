using System.Net;
using System.Reflection;
using ClarityPortal.Data.Audit;
using ClarityPortal.Data.Identity;
using ClarityPortal.Data.Seeding;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClarityPortal.IntegrationTests.Account;

public class SignInTests(PortalFactory factory) : IClassFixture<PortalFactory>, IAsyncLifetime
{
    private const string Password = "Correct-Horse-2026!";

    public async Task InitializeAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        foreach (
            var (email, kind, role) in new[]
            {
                ("pat@example.org", UserKind.Patient, PortalRoles.Patient),
                ("admin@example.org", UserKind.Staff, PortalRoles.Admin),
                ("locked@example.org", UserKind.Patient, PortalRoles.Patient),
            }
        )
        {
            await IdentitySeed.EnsureUserAsync(users, email, email, kind, role, DateTime.UtcNow, Password);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("/account")]
    [InlineData("/admin/audit")]
    [InlineData("/admin/modules")]
    [InlineData("/my")]
    [InlineData("/clinician/inbox")]
    [InlineData("/clinician/inbox/CR-22222")]
    [InlineData("/admin/providers")]
    [InlineData("/admin/providers/new")]
    [InlineData("/admin/providers/1")]
    [InlineData("/admin/staff")]
    [InlineData("/clinician")]
    [InlineData("/clinician/patients")]
    [InlineData("/clinician/patients/invite")]
    [InlineData("/clinician/patients/some-id")]
    [InlineData("/clinician/patients/some-id/record")]
    public async Task AnonymousVisitorsAreSentToSignInFromProtectedPages(string path)
    {
        var response = await factory.CreatePortalClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath);
        Assert.Contains(Uri.EscapeDataString(path), response.Headers.Location.Query);
    }

    [Fact]
    public void EveryPageIsProtectedUnlessItIsOnThePublicList()
    {
        string[] publicPages =
        [
            "/",
            "/not-found",
            "/error",
            "/account/login",
            "/account/access-denied",
            "/learn",
            "/learn/{Slug}",
            "/learn/glossary",
            "/contact",
            "/contact/sent",
            "/providers",
            "/providers/{Slug}",
            "/account/invitation",
            "/account/forgot-password",
            "/account/reset-password",
            "/account/login/two-factor", // only after a correct password (Identity's two-factor cookie)
            "/account/reminders/unsubscribe", // the reminder mail's single-use link, for people not signed in
            "/privacy",
            "/terms",
        ];
        var pages = typeof(Program)
            .Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => (Type: t, r.Template)))
            .ToList();

        Assert.NotEmpty(pages);
        foreach (var (type, template) in pages.Where(p => !publicPages.Contains(p.Template)))
        {
            Assert.True(
                type.GetCustomAttribute<AuthorizeAttribute>() is not null,
                $"{template} ({type.Name}) has no [Authorize]."
            );
        }
    }

    [Fact]
    public async Task RightPasswordSignsInWithAHardenedCookieAndIsAudited()
    {
        var client = factory.CreatePortalClient();

        var response = await client.SignInAsync("pat@example.org", Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response
            .Headers.GetValues("Set-Cookie")
            .Single(c => c.StartsWith(".Clarity.Auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        var account = await client.GetAsync("/account");
        Assert.Equal(HttpStatusCode.OK, account.StatusCode);
        Assert.Contains("pat@example.org", await account.Content.ReadAsStringAsync());
        Assert.True(
            await factory.WithDbAsync(db =>
                db.AuditEvents.AnyAsync(e => e.Action == AuditActions.SignInSucceeded && e.Subject == "pat@example.org")
            )
        );
    }

    [Fact]
    public async Task UnknownEmailAndWrongPasswordGetTheSameMessage()
    {
        var unknown = await (
            await factory.CreatePortalClient().SignInAsync("nobody@example.org", Password)
        ).Content.ReadAsStringAsync();
        var wrong = await (
            await factory.CreatePortalClient().SignInAsync("admin@example.org", "Wrong-Password-1!")
        ).Content.ReadAsStringAsync();

        Assert.Contains("sign you in with that email and password", unknown);
        Assert.Contains("sign you in with that email and password", wrong);
        Assert.DoesNotContain("not found", unknown, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(Message(unknown), Message(wrong));

        static string Message(string html)
        {
            var start = html.IndexOf("id=\"login-error\"", StringComparison.Ordinal);
            return html[start..html.IndexOf("</div>", start, StringComparison.Ordinal)];
        }
    }

    [Fact]
    public async Task FiveWrongPasswordsLockTheAccountForFifteenMinutes()
    {
        var client = factory.CreatePortalClient();
        for (var i = 0; i < 5; i++)
        {
            await client.SignInAsync("locked@example.org", "Wrong-Password-1!");
        }

        var withRightPassword = await client.SignInAsync("locked@example.org", Password);

        Assert.Equal(HttpStatusCode.OK, withRightPassword.StatusCode); // the form again, not a redirect
        Assert.Contains("sign-in is paused for 15 minutes", await withRightPassword.Content.ReadAsStringAsync());
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var end = (await users.GetLockoutEndDateAsync((await users.FindByEmailAsync("locked@example.org"))!))!.Value;
        Assert.InRange(end - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
        // Four plain failures; the fifth locks the account, and the try during lockout is recorded as such too.
        Assert.Equal(
            4,
            await factory.WithDbAsync(db =>
                db.AuditEvents.CountAsync(e =>
                    e.Action == AuditActions.SignInFailed && e.Subject == "locked@example.org"
                )
            )
        );
        Assert.Equal(
            2,
            await factory.WithDbAsync(db =>
                db.AuditEvents.CountAsync(e =>
                    e.Action == AuditActions.SignInLockedOut && e.Subject == "locked@example.org"
                )
            )
        );
    }

    [Fact]
    public async Task APatientIsDeniedTheAdminPages()
    {
        var client = factory.CreatePortalClient();
        await client.SignInAsync("pat@example.org", Password);

        var response = await client.GetAsync("/admin/audit");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/access-denied", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task StaffAreDeniedThePatientDashboard()
    {
        var client = factory.CreatePortalClient();
        await client.SignInAsync("admin@example.org", Password);

        var response = await client.GetAsync("/my");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/access-denied", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task AnAdminOpensTheAuditLog()
    {
        var client = factory.CreatePortalClient();
        await client.SignInAsync("admin@example.org", Password);

        var response = await client.GetAsync("/admin/audit");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Audit log", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SigningOutEndsTheSessionAndIsAudited()
    {
        var client = factory.CreatePortalClient();
        await client.SignInAsync("admin@example.org", Password);
        var page = await client.GetStringAsync("/account");
        var token = System
            .Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")
            .Groups[1]
            .Value;

        var response = await client.PostAsync(
            "/account/logout",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
                    ["returnUrl"] = "/",
                }
            )
        );

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/account")).StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.SignedOut)));
    }

    [Fact]
    public async Task SignOutWithoutTheAntiforgeryTokenIsRefused()
    {
        var response = await factory.CreatePortalClient().PostAsync("/account/logout", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
