using System.Net;
using ClarityPortal.Data.Audit;
using ClarityPortal.Data.Identity;
using ClarityPortal.Data.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClarityPortal.IntegrationTests.Account;

/// <summary>Sign-in throttling per client address, lockout from the account page, and admin lockout alerts.</summary>
public sealed class SignInThrottlingTests : IAsyncLifetime
{
    private const string Password = "Correct-Horse-2026!";

    private readonly PortalFactory factory = new() { Settings = { ["RateLimits:SignIn:PerAddressPerMinute"] = "10" } };

    public async Task InitializeAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        foreach (
            var (email, kind, role) in new[]
            {
                ("pat@example.org", UserKind.Patient, PortalRoles.Patient),
                ("first-admin@example.org", UserKind.Staff, PortalRoles.Admin),
                ("second-admin@example.org", UserKind.Staff, PortalRoles.Admin),
            }
        )
        {
            await IdentitySeed.EnsureUserAsync(users, email, email, kind, role, DateTime.UtcNow, Password);
        }
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task TheEleventhSignInPostInAMinuteFromOneAddressGetsTooManyRequests()
    {
        var client = factory.CreatePortalClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            statuses.Add((await client.SignInAsync($"nobody{i}@example.org", "Wrong-password-123")).StatusCode);
        }

        Assert.All(statuses.Take(10), s => Assert.NotEqual(HttpStatusCode.TooManyRequests, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[10]);
        var refused = await client.SignInAsync("pat@example.org", Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After says when to try again");
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Too many tries", page);
        Assert.Contains("988", page);

        // Reading the sign-in page is not limited, only the posts that check a password.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode);
    }

    [Fact]
    public async Task WrongCurrentPasswordsOnTheAccountPageLockTheAccountAndSignItOut()
    {
        var client = factory.CreatePortalClient();
        await client.SignInAsync("pat@example.org", Password);

        HttpResponseMessage last = default!;
        for (var i = 0; i < 5; i++)
        {
            last = await client.PostFormAsync(
                "/account",
                "change-password",
                new Dictionary<string, string>
                {
                    ["Input.CurrentPassword"] = $"Not-my-password-{i}",
                    ["Input.NewPassword"] = "A brand new sentence 2026",
                    ["Input.ConfirmPassword"] = "A brand new sentence 2026",
                }
            );
        }

        var user = await factory.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == "pat@example.org"));
        Assert.True(user.LockoutEnd > DateTimeOffset.UtcNow, "five wrong current passwords lock the account");
        Assert.Equal(HttpStatusCode.Redirect, last.StatusCode);
        Assert.EndsWith("/account/login", last.Headers.Location!.ToString(), StringComparison.Ordinal);
        var account = await client.GetAsync("/account");
        Assert.Equal(HttpStatusCode.Redirect, account.StatusCode); // signed out
    }

    [Fact]
    public async Task TheAppRefusesTheMostCommonPasswords()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();

        var user = await users.FindByEmailAsync("pat@example.org");
        var common = await users.ChangePasswordAsync(user!, Password, "Unbelievable");
        var sentence = await users.ChangePasswordAsync(user!, Password, "purple elephants dance quietly");

        Assert.Contains(common.Errors, e => e.Code == "PasswordTooCommon");
        Assert.True(sentence.Succeeded, string.Join("; ", sentence.Errors.Select(e => e.Description)));
    }

    [Fact]
    public async Task AnAdminLockedOutIsAuditedAndTheOtherAdminsAreTold()
    {
        var client = factory.CreatePortalClient();
        for (var i = 0; i < 5; i++)
        {
            await client.SignInAsync("first-admin@example.org", $"Wrong-password-{i}-x");
        }

        var mail = await factory.WithDbAsync(db =>
            db.Outbox.Where(m => m.Subject.Contains("admin account")).ToListAsync()
        );
        var notice = Assert.Single(mail);
        Assert.Equal("second-admin@example.org", notice.To);
        Assert.Contains("first-admin@example.org", notice.Body);
        Assert.Equal(
            1,
            await factory.WithDbAsync(db =>
                db.AuditEvents.CountAsync(e =>
                    e.Action == AuditActions.SignInLockedOut && e.Subject == "first-admin@example.org"
                )
            )
        );
    }
}
