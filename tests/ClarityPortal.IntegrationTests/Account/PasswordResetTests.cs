using System.Net;
using System.Text.RegularExpressions;
using ClarityPortal.Data.Audit;
using ClarityPortal.Data.Identity;
using ClarityPortal.Data.Seeding;
using ClarityPortal.IntegrationTests.Progress;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClarityPortal.IntegrationTests.Account;

/// <summary>
/// "Forgot your password?" over HTTP: the same answer for anyone, a link that works once, for an hour.
/// </summary>
public sealed partial class PasswordResetTests : IAsyncLifetime
{
    private const string OldPassword = "Correct-Horse-2026!";
    private const string NewPassword = "a new sentence I can remember";
    private readonly ManualClock clock = new() { Now = DateTimeOffset.UtcNow };
    private readonly PortalFactory factory;

    private readonly string mailFolder = Path.Combine(Path.GetTempPath(), $"clarity-reset-mail-{Guid.NewGuid():N}");

    public PasswordResetTests() =>
        factory = new PortalFactory
        {
            Settings = { ["Email:PickupFolder"] = mailFolder },
            TestServices = services => services.AddSingleton<TimeProvider>(clock),
        };

    public async Task InitializeAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await IdentitySeed.EnsureUserAsync(
            scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>(),
            "forgetful@example.org",
            "Fran Forgetful",
            UserKind.Patient,
            PortalRoles.Patient,
            DateTime.UtcNow,
            OldPassword
        );
    }

    public async Task DisposeAsync()
    {
        await factory.DisposeAsync();
        if (Directory.Exists(mailFolder))
        {
            Directory.Delete(mailFolder, recursive: true);
        }
    }

    [GeneratedRegex(@"/account/reset-password\?token=([A-Za-z0-9_-]{43})")]
    private static partial Regex ResetLink();

    private async Task<HttpResponseMessage> RequestAsync(HttpClient client, string email) =>
        await client.PostFormAsync(
            "/account/forgot-password",
            "forgot-password",
            new Dictionary<string, string> { ["Input.Email"] = email }
        );

    /// <summary>
    /// The token of the <paramref name="nth"/> reset mail, read from the .eml the portal wrote (the outbox row loses
    /// its body once sent). Waits up to 15 s for the mail.
    /// </summary>
    private async Task<string> MailedTokenAsync(int nth = 1)
    {
        for (var attempt = 0; attempt < 150; attempt++)
        {
            var tokens = Directory.Exists(mailFolder)
                ? Directory
                    .GetFiles(mailFolder, "*.eml")
                    .Order(StringComparer.Ordinal)
                    .Select(f => ResetLink().Match(MimeKit.MimeMessage.Load(f).TextBody ?? ""))
                    .Where(m => m.Success)
                    .Select(m => m.Groups[1].Value)
                    .ToList()
                : [];
            if (tokens.Count >= nth)
            {
                return tokens[nth - 1];
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No reset mail #{nth} in {mailFolder}.");
    }

    private async Task<HttpResponseMessage> ResetAsync(
        HttpClient client,
        string token,
        string password,
        string? confirm = null
    ) =>
        await client.PostFormAsync(
            $"/account/reset-password?token={token}",
            "reset-password",
            new Dictionary<string, string>
            {
                ["Input.Token"] = token,
                ["Input.Password"] = password,
                ["Input.Confirm"] = confirm ?? password,
            }
        );

    [Fact]
    public async Task TheAnswerIsTheSameForAnyEmailAndOnlyAnAccountGetsALink()
    {
        var client = factory.CreatePortalClient();

        var known = await (await RequestAsync(client, "forgetful@example.org")).Content.ReadAsStringAsync();
        var unknown = await (await RequestAsync(client, "nobody@example.org")).Content.ReadAsStringAsync();

        Assert.Contains("If an account uses that email, we have sent it a link", known);
        Assert.Contains("If an account uses that email, we have sent it a link", unknown);
        Assert.Equal(43, (await MailedTokenAsync()).Length);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Outbox.CountAsync(m => m.To == "nobody@example.org")));
        Assert.Equal(
            2,
            await factory.WithDbAsync(db =>
                db.AuditEvents.CountAsync(e => e.Action == AuditActions.PasswordResetRequested)
            )
        );
    }

    [Fact]
    public async Task TheLinkSetsANewPasswordOnceAndAWeakPasswordKeepsItUsable()
    {
        var client = factory.CreatePortalClient();
        await RequestAsync(client, "forgetful@example.org");
        var token = await MailedTokenAsync();

        var weak = await (await ResetAsync(client, token, "password")).Content.ReadAsStringAsync();
        var mismatch = await (
            await ResetAsync(client, token, NewPassword, "something else entirely")
        ).Content.ReadAsStringAsync();
        var done = await (await ResetAsync(client, token, NewPassword)).Content.ReadAsStringAsync();
        var again = await (await ResetAsync(client, token, "yet another long sentence")).Content.ReadAsStringAsync();

        Assert.Contains("Use at least 12 characters.", weak);
        Assert.Contains("The two passwords are not the same.", mismatch);
        Assert.Contains("Your password was changed", done);
        Assert.Contains("This link has already been used.", again);
        Assert.Equal(
            HttpStatusCode.Redirect,
            (await client.SignInAsync("forgetful@example.org", NewPassword)).StatusCode
        );
        Assert.Equal(
            1,
            await factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditActions.PasswordReset))
        );
    }

    [Fact]
    public async Task ALinkExpiresAfterAnHourAndANewerLinkReplacesAnOlderOne()
    {
        var client = factory.CreatePortalClient();
        await RequestAsync(client, "forgetful@example.org");
        var first = await MailedTokenAsync();
        await RequestAsync(client, "forgetful@example.org");
        var second = await MailedTokenAsync(2);

        var replaced = await (
            await client.GetAsync($"/account/reset-password?token={first}")
        ).Content.ReadAsStringAsync();
        clock.Advance(60 * 60 + 1);
        var expired = await (await ResetAsync(client, second, NewPassword)).Content.ReadAsStringAsync();
        var forged = await (
            await client.GetAsync("/account/reset-password?token=not-a-token")
        ).Content.ReadAsStringAsync();

        Assert.NotEqual(first, second);
        Assert.Contains("This link has already been used.", replaced);
        Assert.Contains("This link has expired", expired);
        Assert.Contains("This link is not valid.", forged);
        var user = await factory.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == "forgetful@example.org"));
        Assert.Equal(
            PasswordVerificationResult.Success,
            new PasswordHasher<ApplicationUser>().VerifyHashedPassword(user, user.PasswordHash!, OldPassword)
        );
    }
}
