using System.Net;
using System.Text.RegularExpressions;
using ClarityPortal.Data.Audit;
using ClarityPortal.Data.Identity;
using ClarityPortal.Data.Seeding;
using ClarityPortal.IntegrationTests.Progress;
using ClarityPortal.Web.Features.Admin;
using ClarityPortal.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace ClarityPortal.IntegrationTests.Account;

/// <summary>
/// Two-factor sign-in with an authenticator app: required of staff with a local password, codes usable once, recovery
/// codes, an admin's reset. The app's clock is a manual one, so the test computes the codes an app would show.
/// </summary>
public sealed partial class TwoFactorTests : IAsyncLifetime
{
    private const string Password = "Correct-Horse-2026!";
    private const string Clinician = "doc@example.org";
    private const string Patient = "pat@example.org";
    private const string Admin = "boss@example.org";
    private readonly ManualClock clock = new() { Now = DateTimeOffset.UtcNow };
    private readonly PortalFactory factory;

    public TwoFactorTests() =>
        factory = new PortalFactory
        {
            Settings = { ["Identity:RequireStaffTwoFactor"] = "true" },
            TestServices = services => services.AddSingleton<TimeProvider>(clock),
        };

    [GeneratedRegex("id=\"two-factor-key\"><strong>([A-Z2-7 ]+)</strong>")]
    private static partial Regex KeyOnPage();

    [GeneratedRegex("name=\"Input.Pending\" value=\"([^\"]+)\"")]
    private static partial Regex PendingOnPage();

    [GeneratedRegex("<li>([A-Z0-9]{5}-[A-Z0-9]{5})</li>")]
    private static partial Regex RecoveryCodeOnPage();

    public async Task InitializeAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var now = DateTime.UtcNow;
        await IdentitySeed.EnsureUserAsync(
            users,
            Clinician,
            "Dr. Doc",
            UserKind.Staff,
            PortalRoles.Clinician,
            now,
            Password
        );
        await IdentitySeed.EnsureUserAsync(users, Admin, "Boss", UserKind.Staff, PortalRoles.Admin, now, Password);
        await IdentitySeed.EnsureUserAsync(users, Patient, "Pat", UserKind.Patient, PortalRoles.Patient, now, Password);
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();

    private static string Where(HttpResponseMessage response) =>
        response.Headers.Location is { IsAbsoluteUri: true } location
            ? location.PathAndQuery
            : response.Headers.Location!.OriginalString;

    /// <summary>The code an authenticator app shows for the key (as typed from the page, spaces and all).</summary>
    private string Code(string key, double secondsFromNow = 0) =>
        new Totp(Base32Encoding.ToBytes(key.Replace(" ", "", StringComparison.Ordinal))).ComputeTotp(
            clock.Now.UtcDateTime.AddSeconds(secondsFromNow)
        );

    /// <summary>Turns two-factor on for the user directly and returns their authenticator key.</summary>
    private async Task<string> EnrolledAsync(string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        return (await users.GetAuthenticatorKeyAsync(user))!;
    }

    private async Task<IReadOnlyList<string>> RecoveryCodesAsync(string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return (
            await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByEmailAsync(email))!, 10)
        )!.ToList();
    }

    /// <summary>
    /// The set-up page as the person sees it: the key to type into an app, and the sealed key its form posts back.
    /// </summary>
    private static async Task<(string Key, string Pending)> SetupPageAsync(HttpClient client)
    {
        var page = await client.GetStringAsync(TwoFactorAccount.SetupPath);
        return (
            KeyOnPage().Match(page).Groups[1].Value,
            WebUtility.HtmlDecode(PendingOnPage().Match(page).Groups[1].Value)
        );
    }

    private static Task<HttpResponseMessage> EnableAsync(HttpClient client, string pending, string code) =>
        client.PostFormAsync(
            TwoFactorAccount.SetupPath,
            "enable-two-factor",
            new Dictionary<string, string> { ["Input.Code"] = code, ["Input.Pending"] = pending }
        );

    /// <summary>Password step, then the code step; returns the code step's response.</summary>
    private async Task<(HttpClient Client, HttpResponseMessage Response)> SignInWithCodeAsync(string email, string code)
    {
        var client = factory.CreatePortalClient();
        var password = await client.SignInAsync(email, Password);
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        var codePage = Where(password);
        Assert.StartsWith(TwoFactorAccount.SignInPath, codePage);
        var response = await client.PostFormAsync(
            codePage,
            "two-factor",
            new Dictionary<string, string> { ["Input.Code"] = code }
        );
        return (client, response);
    }

    private static bool SignedIn(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect
        && response.Headers.TryGetValues("Set-Cookie", out var cookies)
        && cookies.Any(c => c.StartsWith(".Clarity.Auth=", StringComparison.Ordinal));

    [Fact]
    public async Task StaffWithoutTwoFactorReachOnlyEnrolment()
    {
        var client = factory.CreatePortalClient();
        var response = await client.SignInAsync(Clinician, Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(TwoFactorAccount.SetupPath, Where(response));

        foreach (var path in new[] { "/clinician", "/clinician/patients.csv", "/account", "/learn" })
        {
            var blocked = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, blocked.StatusCode);
            Assert.Equal(TwoFactorAccount.SetupPath, Where(blocked));
        }

        var circuit = await client.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);
        Assert.Equal(HttpStatusCode.Forbidden, circuit.StatusCode);

        var setup = await client.GetStringAsync(TwoFactorAccount.SetupPath);
        Assert.Contains("The clinic requires two-factor sign-in for staff", setup);
        Assert.Matches(KeyOnPage(), setup);
        Assert.Contains("data:image/png;base64,", setup); // the QR code, made on the server
    }

    [Fact]
    public async Task AStaffMemberWhoEnrolsGetsRecoveryCodesAndTheirPages()
    {
        var client = factory.CreatePortalClient();
        await client.SignInAsync(Clinician, Password);
        var (key, pending) = await SetupPageAsync(client);

        var wrong = await EnableAsync(client, pending, Code(key, 120));
        var retry = await wrong.Content.ReadAsStringAsync();
        Assert.Contains("That code didn&#x27;t match", retry);
        Assert.Contains(key, retry); // the same key again: the app already holds it
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/clinician")).StatusCode);

        var enabled = await EnableAsync(client, pending, Code(key));
        var page = await enabled.Content.ReadAsStringAsync();
        Assert.Equal(TwoFactorAccount.RecoveryCodeCount, RecoveryCodeOnPage().Count(page));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/clinician")).StatusCode);
        Assert.True(
            await factory.WithDbAsync(db =>
                db.AuditEvents.AnyAsync(e => e.Action == AuditActions.TwoFactorEnabled && e.Subject == Clinician)
            )
        );
    }

    [Fact]
    public async Task AKeyShownBeforeEnrolmentIsNeverStoredSoThePasswordAloneCannotReadTheOwnersKey()
    {
        var attacker = factory.CreatePortalClient();
        await attacker.SignInAsync(Clinician, Password);
        var (seenByAttacker, _) = await SetupPageAsync(attacker);

        var owner = factory.CreatePortalClient();
        await owner.SignInAsync(Clinician, Password);
        var (key, pending) = await SetupPageAsync(owner);
        await EnableAsync(owner, pending, Code(key));

        Assert.NotEqual(seenByAttacker, key);
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var stored = await users.GetAuthenticatorKeyAsync((await users.FindByEmailAsync(Clinician))!);
        Assert.Equal(key.Replace(" ", "", StringComparison.Ordinal), stored);

        // Someone else's sealed key is refused.
        var patient = factory.CreatePortalClient();
        await patient.SignInAsync(Patient, Password);
        var refused = await EnableAsync(patient, pending, Code(key, 30));
        Assert.Contains("That code didn&#x27;t match", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AValidCodeSignsInAndTheSameCodeNeverWorksTwice()
    {
        var key = await EnrolledAsync(Clinician);

        var (client, first) = await SignInWithCodeAsync(Clinician, Code(key));
        Assert.True(SignedIn(first));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/clinician")).StatusCode);

        var (_, reused) = await SignInWithCodeAsync(Clinician, Code(key));
        Assert.False(SignedIn(reused));
        Assert.Contains("That code didn&#x27;t work", await reused.Content.ReadAsStringAsync());

        var (_, wrong) = await SignInWithCodeAsync(Clinician, Code(key, 300));
        Assert.False(SignedIn(wrong));

        clock.Advance(30); // the app shows the next code
        var (_, next) = await SignInWithCodeAsync(Clinician, Code(key));
        Assert.True(SignedIn(next));
    }

    [Fact]
    public async Task TheCodeStepNeedsTheCorrectPasswordFirst()
    {
        await EnrolledAsync(Clinician);
        var client = factory.CreatePortalClient();

        var response = await client.GetAsync(TwoFactorAccount.SignInPath);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(IdentitySetup.LoginPath, Where(response));
    }

    [Fact]
    public async Task ARecoveryCodeWorksOnceInAnyCase()
    {
        await EnrolledAsync(Clinician);
        var code = (await RecoveryCodesAsync(Clinician))[0];

        var (_, first) = await SignInWithCodeAsync(Clinician, code.ToLowerInvariant().Replace("-", " "));
        var (_, again) = await SignInWithCodeAsync(Clinician, code);

        Assert.True(SignedIn(first));
        Assert.False(SignedIn(again));
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        Assert.Equal(9, await users.CountRecoveryCodesAsync((await users.FindByEmailAsync(Clinician))!));
    }

    [Fact]
    public async Task WrongCodesLockTheAccountLikeWrongPasswords()
    {
        await EnrolledAsync(Clinician);
        for (var i = 0; i < 5; i++)
        {
            await SignInWithCodeAsync(Clinician, i % 2 == 0 ? "000000" : "WRONG-CODES"); // app codes and recovery codes
        }

        var client = factory.CreatePortalClient();
        var password = await client.SignInAsync(Clinician, Password);

        Assert.Equal(HttpStatusCode.OK, password.StatusCode); // refused at the password step: the account is locked
        Assert.Contains("We couldn&#x27;t sign you in", await password.Content.ReadAsStringAsync());
        var lockedUntil = await factory.WithDbAsync(db =>
            db.Users.Where(u => u.Email == Clinician).Select(u => u.LockoutEnd).SingleAsync()
        );
        Assert.True(lockedUntil > DateTimeOffset.UtcNow);
        Assert.True(
            await factory.WithDbAsync(db =>
                db.AuditEvents.AnyAsync(e => e.Action == AuditActions.SignInLockedOut && e.Details == "two-factor code")
            )
        );
    }

    [Fact]
    public async Task AnAdminCanResetAColleaguesTwoFactorAndItIsAudited()
    {
        await EnrolledAsync(Clinician);
        var adminId = await factory.WithDbAsync(db =>
            db.Users.Where(u => u.Email == Admin).Select(u => u.Id).SingleAsync()
        );
        var clinicianId = await factory.WithDbAsync(db =>
            db.Users.Where(u => u.Email == Clinician).Select(u => u.Id).SingleAsync()
        );

        await using (var scope = factory.ScopeAs(PortalFactory.User(adminId, PortalRoles.Admin)))
        {
            Assert.Null(
                await scope.ServiceProvider.GetRequiredService<StaffService>().ResetTwoFactorAsync(clinicianId)
            );
        }

        await using (var scope = factory.ScopeAs(PortalFactory.User(clinicianId, PortalRoles.Clinician)))
        {
            await Assert.ThrowsAnyAsync<UnauthorizedAccessException>(() =>
                scope.ServiceProvider.GetRequiredService<StaffService>().ResetTwoFactorAsync(adminId)
            );
        }

        Assert.False(
            await factory.WithDbAsync(db =>
                db.Users.Where(u => u.Id == clinicianId).Select(u => u.TwoFactorEnabled).SingleAsync()
            )
        );
        Assert.True(
            await factory.WithDbAsync(db =>
                db.AuditEvents.AnyAsync(e => e.Action == AuditActions.TwoFactorResetByAdmin && e.Subject == Clinician)
            )
        );
        var next = await factory.CreatePortalClient().SignInAsync(Clinician, Password);
        Assert.StartsWith(TwoFactorAccount.SetupPath, Where(next)); // enrols again
    }

    [Fact]
    public async Task PatientsMayTurnTwoFactorOnAndOffButAreNeverMadeTo()
    {
        var client = factory.CreatePortalClient();
        var response = await client.SignInAsync(Patient, Password);
        Assert.Equal("/my", Where(response)); // patients land on "My learning"

        var (key, pending) = await SetupPageAsync(client);
        var on = await EnableAsync(client, pending, Code(key));
        Assert.Contains("Save your recovery codes", await on.Content.ReadAsStringAsync());

        var noCode = await client.PostFormAsync(
            TwoFactorAccount.SetupPath,
            "turn-off",
            new Dictionary<string, string> { ["Input.Code"] = "123456" }
        );
        Assert.Contains("That code didn&#x27;t match", await noCode.Content.ReadAsStringAsync());

        clock.Advance(30);
        var off = await client.PostFormAsync(
            TwoFactorAccount.SetupPath,
            "turn-off",
            new Dictionary<string, string> { ["Input.Code"] = Code(key) }
        );
        Assert.Contains("Two-factor sign-in is off", await off.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task NewRecoveryCodesAndANewPhoneNeedACurrentCode()
    {
        var key = await EnrolledAsync(Clinician);
        var (client, _) = await SignInWithCodeAsync(Clinician, Code(key));

        var refused = await client.PostFormAsync(
            TwoFactorAccount.SetupPath,
            "new-recovery-codes",
            new Dictionary<string, string> { ["Input.Code"] = Code(key) } // already spent signing in
        );
        Assert.Equal(0, RecoveryCodeOnPage().Count(await refused.Content.ReadAsStringAsync()));

        clock.Advance(30);
        var renewed = await client.PostFormAsync(
            TwoFactorAccount.SetupPath,
            "new-recovery-codes",
            new Dictionary<string, string> { ["Input.Code"] = Code(key) }
        );
        var codes = RecoveryCodeOnPage().Matches(await renewed.Content.ReadAsStringAsync());
        Assert.Equal(TwoFactorAccount.RecoveryCodeCount, codes.Count);

        var startOver = await client.PostFormAsync(
            TwoFactorAccount.SetupPath,
            "start-over",
            new Dictionary<string, string> { ["Input.Code"] = codes[0].Groups[1].Value } // a lost phone
        );
        Assert.Contains("Add Clarity Portal to the app on your new phone", await startOver.Content.ReadAsStringAsync());
        Assert.False(
            await factory.WithDbAsync(db =>
                db.Users.Where(u => u.Email == Clinician).Select(u => u.TwoFactorEnabled).SingleAsync()
            )
        );
    }

    [Fact]
    public async Task ARecoveryCodeDoesNotGetPastALockout()
    {
        await EnrolledAsync(Clinician);
        var code = (await RecoveryCodesAsync(Clinician))[0];
        var client = factory.CreatePortalClient();
        var password = await client.SignInAsync(Clinician, Password);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = (await users.FindByEmailAsync(Clinician))!;
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddMinutes(15)); // locked meanwhile
        }

        var response = await client.PostFormAsync(
            Where(password),
            "two-factor",
            new Dictionary<string, string> { ["Input.Code"] = code }
        );

        Assert.False(SignedIn(response));
        Assert.Contains("paused after too many failed tries", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task StaffCannotTurnOffTwoFactorWhileTheClinicRequiresIt()
    {
        var key = await EnrolledAsync(Clinician);
        var (client, _) = await SignInWithCodeAsync(Clinician, Code(key));
        var page = await client.GetStringAsync(TwoFactorAccount.SetupPath);
        Assert.DoesNotContain("Turn off two-factor sign-in", page);

        clock.Advance(30);
        var off = await client.PostFormAsync(
            TwoFactorAccount.SetupPath,
            "turn-off",
            new Dictionary<string, string> { ["Input.Code"] = Code(key) }
        );
        Assert.NotEqual(HttpStatusCode.OK, off.StatusCode); // no such form for them
        Assert.True(
            await factory.WithDbAsync(db =>
                db.Users.Where(u => u.Email == Clinician).Select(u => u.TwoFactorEnabled).SingleAsync()
            )
        );
    }
}
