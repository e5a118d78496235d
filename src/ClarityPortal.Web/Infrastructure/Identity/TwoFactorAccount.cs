using System.Security.Claims;
using ClarityPortal.Data;
using ClarityPortal.Data.Audit;
using ClarityPortal.Data.Identity;
using ClarityPortal.Web.Infrastructure.Audit;
using ClarityPortal.Web.Infrastructure.Mail;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OtpNet;
using QRCoder;

namespace ClarityPortal.Web.Infrastructure.Identity;

/// <summary>
/// What the two-factor page shows: whether it is on, a new key to add to an app (with <see cref="Pending"/>, the
/// same key sealed for the set-up form), codes left.
/// </summary>
public sealed record TwoFactorState(
    bool Enabled,
    string Key,
    string QrCodeDataUri,
    string Pending,
    int RecoveryCodesLeft,
    bool MayTurnOff,
    bool MustEnrol
);

/// <summary>
/// Setting up and changing two-factor for the signed-in person. A new key is never stored until the person proves they
/// added it to their app: until then it travels sealed (data protection, 20 minutes, bound to the user) in the set-up
/// form, so someone who only knows the password cannot read a key the owner will later use. Changing anything once it
/// is on (new recovery codes, a new phone, turning it off) needs a current code. Every change is audited and mailed to
/// the person (no details), and refreshes the sign-in (a staff member who just enrolled gets their roles).
/// </summary>
public sealed class TwoFactorAccount(
    UserManager<ApplicationUser> users,
    SignInManager<ApplicationUser> signIn,
    IUserStore<ApplicationUser> store,
    StaffTwoFactor policy,
    AuditLog audit,
    IDataProtectionProvider protection,
    IDbContextFactory<ClarityDbContext> dbFactory,
    ClarityDbContext identityDb,
    Outbox outbox,
    TimeProvider clock
)
{
    public const string SetupPath = "/account/two-factor";
    public const string SignInPath = "/account/login/two-factor";
    public const int RecoveryCodeCount = 10;
    public const string WrongCode = "That code didn't match. Type the newest code from your app, or a recovery code.";
    private const string Issuer = "Clarity Portal";
    private static readonly TimeSpan PendingLifetime = TimeSpan.FromMinutes(20);

    private ITimeLimitedDataProtector Sealer =>
        protection.CreateProtector("ClarityPortal.TwoFactor.PendingKey").ToTimeLimitedDataProtector();

    /// <summary>The person behind <paramref name="principal"/> and their roles; null if not a local account.</summary>
    public async Task<(ApplicationUser User, IList<string> Roles)?> FindAsync(ClaimsPrincipal principal)
    {
        var id = PortalUser.Id(principal);
        if (id is null || await users.FindByIdAsync(id) is not { } user || !await users.HasPasswordAsync(user))
        {
            return null;
        }

        return (user, await users.GetRolesAsync(user));
    }

    /// <summary>The page's state; a posted set-up form keeps its key, so an app already scanned still fits.</summary>
    public async Task<TwoFactorState> StateAsync(ApplicationUser user, IList<string> roles, string? pending = null)
    {
        if (user.TwoFactorEnabled)
        {
            return new TwoFactorState(
                true,
                "",
                "",
                "",
                await users.CountRecoveryCodesAsync(user),
                policy.MayTurnOff(roles),
                false
            );
        }

        var key = Unseal(user, pending) ?? users.GenerateNewAuthenticatorKey();
        return new TwoFactorState(
            false,
            FormatKey(key),
            QrCode(user.Email ?? user.UserName ?? "", key),
            Sealer.Protect($"{user.Id}\n{key}", PendingLifetime),
            0,
            policy.MayTurnOff(roles),
            policy.MustEnrol(user, roles)
        );
    }

    /// <summary>
    /// Turns two-factor on when <paramref name="code"/> fits the key sealed in <paramref name="pending"/>: the key is
    /// stored only then. Returns the new recovery codes, or null.
    /// </summary>
    public async Task<IReadOnlyList<string>?> EnableAsync(ApplicationUser user, string pending, string code)
    {
        await using var change = await BeginAsync();
        if (
            user.TwoFactorEnabled
            || Unseal(user, pending) is not { } key
            || TotpTokenProvider.Normalize(code) is not { } digits
            || !new Totp(Base32Encoding.ToBytes(key)).VerifyTotp(
                clock.GetUtcNow().UtcDateTime,
                digits,
                out _,
                new VerificationWindow(1, 1)
            )
        )
        {
            return null;
        }

        await ((IUserAuthenticatorKeyStore<ApplicationUser>)store).SetAuthenticatorKeyAsync(user, key, default);
        (await users.UpdateAsync(user)).ThrowIfFailed("Saving the authenticator key");
        if (!await users.VerifyTwoFactorTokenAsync(user, TotpTokenProvider.Name, digits)) // also spends the code
        {
            return null;
        }

        (await users.SetTwoFactorEnabledAsync(user, true)).ThrowIfFailed("Turning on two-factor");
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList();
        if (codes is not { Count: RecoveryCodeCount })
        {
            throw new InvalidOperationException("Recovery codes could not be made.");
        }

        await CommitAsync(change, user, AuditActions.TwoFactorEnabled, "authenticator app");
        await TellAsync(user, "Two-factor sign-in was turned on for your Clarity Portal account.");
        await signIn.RefreshSignInAsync(user);
        return codes;
    }

    /// <summary>Replaces the recovery codes (the old ones stop working), after a current code.</summary>
    public async Task<IReadOnlyList<string>?> NewRecoveryCodesAsync(ApplicationUser user, string code)
    {
        await using var change = await BeginAsync();
        if (!user.TwoFactorEnabled || !await CheckCodeAsync(user, code))
        {
            return null;
        }

        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount);
        await CommitAsync(change, user, AuditActions.RecoveryCodesRenewed, "");
        await TellAsync(
            user,
            "New recovery codes were made for your Clarity Portal account; the old ones stopped working."
        );
        return codes?.ToList() ?? [];
    }

    /// <summary>
    /// A new phone, after a current code (or a recovery code, for a lost phone): the old key and recovery codes stop
    /// working and set-up starts again (staff who must use two-factor reach nothing else until it is done).
    /// </summary>
    public async Task<bool> StartOverAsync(ApplicationUser user, string code)
    {
        await using var change = await BeginAsync();
        if (!user.TwoFactorEnabled || !await CheckCodeAsync(user, code))
        {
            return false;
        }

        await ClearAsync(users, user);
        await CommitAsync(change, user, AuditActions.TwoFactorDisabled, "set up again on a new device");
        await TellAsync(
            user,
            "Two-factor sign-in was switched off on your Clarity Portal account to move it to a new phone."
        );
        await signIn.RefreshSignInAsync(user);
        return true;
    }

    /// <summary>Turns two-factor off, after a current code, for someone it is not required of.</summary>
    public async Task<bool> TurnOffAsync(ApplicationUser user, IList<string> roles, string code)
    {
        await using var change = await BeginAsync();
        if (!user.TwoFactorEnabled || !policy.MayTurnOff(roles) || !await CheckCodeAsync(user, code))
        {
            return false;
        }

        await ClearAsync(users, user);
        await CommitAsync(change, user, AuditActions.TwoFactorDisabled, "turned off by the account holder");
        await TellAsync(user, "Two-factor sign-in was turned off for your Clarity Portal account.");
        await signIn.RefreshSignInAsync(user);
        return true;
    }

    /// <summary>
    /// Two-factor off, a fresh key no one has seen, no recovery codes, a new security stamp (every session must sign
    /// in again).
    /// </summary>
    public static async Task ClearAsync(UserManager<ApplicationUser> users, ApplicationUser user)
    {
        (await users.SetTwoFactorEnabledAsync(user, false)).ThrowIfFailed("Turning off two-factor");
        (await users.ResetAuthenticatorKeyAsync(user)).ThrowIfFailed("Replacing the authenticator key");
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
    }

    /// <summary>A code from the app, or a recovery code (spent).</summary>
    private async Task<bool> CheckCodeAsync(ApplicationUser user, string code) =>
        TotpTokenProvider.Normalize(code) is { } digits
            ? await users.VerifyTwoFactorTokenAsync(user, TotpTokenProvider.Name, digits)
            : (await users.RedeemTwoFactorRecoveryCodeAsync(user, RecoveryCode(code))).Succeeded;

    /// <summary>Recovery codes look like ABCDE-FGHJK; people may type them in lower case or without the dash.</summary>
    public static string RecoveryCode(string typed)
    {
        var code = new string(typed.Where(char.IsAsciiLetterOrDigit).ToArray()).ToUpperInvariant();
        return code.Length == 10 ? $"{code[..5]}-{code[5..]}" : code;
    }

    private string? Unseal(ApplicationUser user, string? pending)
    {
        if (string.IsNullOrEmpty(pending))
        {
            return null;
        }

        try
        {
            var parts = Sealer.Unprotect(pending).Split('\n');
            return parts is [var id, var key] && id == user.Id ? key : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null; // expired or not ours: a new key is shown
        }
    }

    /// <summary>
    /// The user manager saves through <c>identityDb</c>; its changes and their audit row share one
    /// transaction, rolled back when a code is wrong. Mail and the refreshed sign-in come after the commit.
    /// </summary>
    private Task<AuditedChange> BeginAsync() => audit.BeginAsync(identityDb);

    private static Task CommitAsync(AuditedChange change, ApplicationUser user, string action, string details)
    {
        change.Record(user.Id, user.Email ?? user.Id, action, user.Email ?? user.Id, details);
        return change.CommitAsync();
    }

    /// <summary>Mails the account holder about a change to their sign-in (ASVS 2.5.5); no other details.</summary>
    private async Task TellAsync(ApplicationUser user, string what)
    {
        if (user.Email is null)
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        outbox.Enqueue(
            db,
            user.Email,
            "A change to how you sign in to Clarity Portal",
            $"{what}\n\nIf this wasn't you, call the clinic right away so they can secure your account."
        );
        await db.SaveChangesAsync();
        outbox.Kick();
    }

    /// <summary>The key in groups of four, as people type it into an app.</summary>
    public static string FormatKey(string key) =>
        string.Join(' ', key.ToUpperInvariant().Chunk(4).Select(c => new string(c)));

    /// <summary>An <c>otpauth://</c> link as a PNG QR code (a data URI; no script or outside service).</summary>
    public static string QrCode(string account, string key)
    {
        var issuer = Uri.EscapeDataString(Issuer);
        var uri =
            $"otpauth://totp/{issuer}:{Uri.EscapeDataString(account)}?secret={key}&issuer={issuer}&digits=6&period=30";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(5);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
