using System.Net;
using System.Security.Claims;
using ClarityPortal.Data.Identity;
using ClarityPortal.Data.Seeding;
using ClarityPortal.IntegrationTests.Progress;
using ClarityPortal.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace ClarityPortal.IntegrationTests.Account;

/// <summary>
/// Server-side sessions: sign-out ends a copied cookie, the absolute lifetime holds, sessions can be ended.
/// </summary>
public sealed class SessionTests : IAsyncLifetime
{
    private const string Password = "Correct-Horse-2026!";
    private readonly ManualClock clock = new() { Now = DateTimeOffset.UtcNow };
    private readonly PortalFactory factory;

    public SessionTests() =>
        factory = new PortalFactory
        {
            Settings = { ["Session:AbsoluteLifetime"] = "02:00:00", ["Session:StaffIdleTimeout"] = "00:45:00" },
            TestServices = services => services.AddSingleton<TimeProvider>(clock),
        };

    public async Task InitializeAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        await IdentitySeed.EnsureUserAsync(
            users,
            "doc@example.org",
            "Dr. Doc",
            UserKind.Staff,
            PortalRoles.Clinician,
            DateTime.UtcNow,
            Password
        );
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();

    private async Task<(HttpClient Client, string Cookie)> SignedInAsync()
    {
        var client = factory.CreatePortalClient();
        var response = await client.SignInAsync("doc@example.org", Password);
        var cookie = response
            .Headers.GetValues(HeaderNames.SetCookie)
            .Single(c => c.StartsWith(".Clarity.Auth=", StringComparison.Ordinal))
            .Split(';')[0];
        return (client, cookie);
    }

    /// <summary>A request with only the given cookie, the way curl with a copied cookie would send it.</summary>
    private async Task<HttpResponseMessage> WithCookieAsync(string cookie, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(HeaderNames.Cookie, cookie);
        return await factory.CreatePortalClient().SendAsync(request);
    }

    [Fact]
    public async Task ACookieCopiedBeforeSignOutNoLongerWorksAfterIt()
    {
        var (client, cookie) = await SignedInAsync();
        Assert.Equal(HttpStatusCode.OK, (await WithCookieAsync(cookie, "/clinician/patients.csv")).StatusCode);

        var page = await client.GetStringAsync("/account");
        var token = System.Text.RegularExpressions.Regex.Match(
            page,
            "name=\"__RequestVerificationToken\" value=\"([^\"]+)\""
        );
        await client.PostAsync(
            "/account/logout",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
                    ["returnUrl"] = "/",
                }
            )
        );

        var copied = await WithCookieAsync(cookie, "/clinician/patients.csv");
        Assert.Equal(HttpStatusCode.Redirect, copied.StatusCode);
        Assert.Equal("/account/login", copied.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task ASessionEndsAtItsAbsoluteLifetimeWhateverTheActivity()
    {
        var (_, cookie) = await SignedInAsync();

        clock.Advance(40 * 60);
        var active = await WithCookieAsync(cookie, "/account");
        clock.Advance(40 * 60);
        var stillIn = await WithCookieAsync(cookie, "/account");
        clock.Advance(41 * 60); // 2 h 1 min since signing in, only 41 minutes idle
        var ended = await WithCookieAsync(cookie, "/account");

        Assert.Equal(HttpStatusCode.OK, active.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
    }

    [Fact]
    public async Task AnIdleSessionEndsAndStaysEnded()
    {
        var (_, cookie) = await SignedInAsync();

        clock.Advance(44 * 60);
        var justInTime = await WithCookieAsync(cookie, "/account");
        clock.Advance(46 * 60);
        var idle = await WithCookieAsync(cookie, "/account");
        clock.Advance(-50 * 60); // even if the clock went back, the session was revoked
        var after = await WithCookieAsync(cookie, "/account");

        Assert.Equal(HttpStatusCode.OK, justInTime.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, idle.StatusCode);
        Assert.Contains("signedOut=idle", idle.Headers.Location!.Query); // the sign-in page says why
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.NotNull(await factory.WithDbAsync(db => db.UserSessions.Select(s => s.RevokedAt).SingleAsync()));
    }

    [Fact]
    public async Task WhatThePersonDoesOnAnOpenPageKeepsTheSessionAlive()
    {
        var (_, cookie) = await SignedInAsync();

        clock.Advance(40 * 60);
        var activity = new HttpRequestMessage(HttpMethod.Post, "/account/activity");
        activity.Headers.Add(HeaderNames.Cookie, cookie);
        var reported = await factory.CreatePortalClient().SendAsync(activity); // portal.js, on a click or scroll
        clock.Advance(40 * 60); // 80 minutes since sign-in, 40 since the click
        var stillIn = await WithCookieAsync(cookie, "/account");

        Assert.Equal(HttpStatusCode.NoContent, reported.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
    }

    [Fact]
    public async Task TheAccountPageListsSessionsAndSignsOutEverywhereElse()
    {
        var (first, firstCookie) = await SignedInAsync();
        var (_, secondCookie) = await SignedInAsync();

        var page = await first.GetStringAsync("/account");
        Assert.Contains("Where you are signed in", page);
        Assert.Contains("This device", page);
        Assert.Equal(2, await factory.WithDbAsync(db => db.UserSessions.CountAsync(s => s.RevokedAt == null)));

        var response = await first.PostFormAsync("/account", "end-other-sessions", new Dictionary<string, string>());
        Assert.Contains("1 other session was signed out.", await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await WithCookieAsync(secondCookie, "/account")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await WithCookieAsync(firstCookie, "/account")).StatusCode);
    }

    [Fact]
    public async Task ARenewedSessionKeepsItsKeySoCircuitsStillCheckIt()
    {
        var store = factory.Services.GetRequiredService<SessionStore>();
        var id = await factory.WithDbAsync(db => db.Users.Select(u => u.Id).FirstAsync());
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, id)], "test");
        var key = await store.StoreAsync(new AuthenticationTicket(new ClaimsPrincipal(identity), "test"));

        // The security-stamp check and a refresh after a password change build the principal afresh, without the key.
        var fresh = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, id)], "test");
        await store.RenewAsync(key, new AuthenticationTicket(new ClaimsPrincipal(fresh), "test"));
        var renewed = await store.RetrieveAsync(key);

        Assert.Equal(key, renewed!.Principal.FindFirst(SessionStore.SessionIdClaim)?.Value);
        await store.RemoveAsync(key);
        Assert.False(await store.IsActiveAsync(renewed.Principal));
    }
}
