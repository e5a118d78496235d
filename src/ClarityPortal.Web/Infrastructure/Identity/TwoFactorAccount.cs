using System.Security.Claims;
using ClarityPortal.Data.Audit;
using ClarityPortal.Data.Identity;
using ClarityPortal.Web.Infrastructure.Audit;
using Microsoft.AspNetCore.Identity;
using QRCoder;

namespace ClarityPortal.Web.Infrastructure.Identity;

/// <summary>What the two-factor page shows: whether it is on, the key to add to an app, codes left.</summary>
public sealed record TwoFactorState(
    bool Enabled,
    string Key,
    string QrCodeDataUri,
    int RecoveryCodesLeft,
    bool MayTurnOff,
    bool MustEnrol
);

/// <summary>
/// Setting up and changing two-factor for the signed-in person: an authenticator-app key (shown as a QR code made on
/// the server and as text), turning it on with a first code, 10 single-use recovery codes, a new phone, turning it
/// off where allowed. Every change is audited and refreshes the sign-in (a changed security stamp would otherwise end
/// it, and a staff member who just enrolled gets their roles).
/// </summary>
public sealed class TwoFactorAccount(
    UserManager<ApplicationUser> users,
    SignInManager<ApplicationUser> signIn,
    StaffTwoFactor policy,
    AuditLog audit
)
{
    public const string SetupPath = "/account/two-factor";
    public const string SignInPath = "/account/login/two-factor";
    public const int RecoveryCodeCount = 10;
    private const string Issuer = "Clarity Portal";

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

    public async Task<TwoFactorState> StateAsync(ApplicationUser user, IList<string> roles)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key) && !user.TwoFactorEnabled)
        {
            (await users.ResetAuthenticatorKeyAsync(user)).ThrowIfFailed("Making an authenticator key");
            await signIn.RefreshSignInAsync(user); // the new key changed the security stamp
            key = await users.GetAuthenticatorKeyAsync(user) ?? "";
        }

        return new TwoFactorState(
            user.TwoFactorEnabled,
            user.TwoFactorEnabled ? "" : FormatKey(key ?? ""),
            user.TwoFactorEnabled ? "" : QrCode(user.Email ?? user.UserName ?? "", key ?? ""),
            user.TwoFactorEnabled ? await users.CountRecoveryCodesAsync(user) : 0,
            policy.MayTurnOff(roles),
            policy.MustEnrol(user, roles)
        );
    }

    /// <summary>Turns two-factor on with a code from the app: the new recovery codes, null for a wrong code.</summary>
    public async Task<IReadOnlyList<string>?> EnableAsync(ApplicationUser user, string code)
    {
        if (
            user.TwoFactorEnabled
            || TotpTokenProvider.Normalize(code) is not { } digits
            || !await users.VerifyTwoFactorTokenAsync(user, TotpTokenProvider.Name, digits)
        )
        {
            return null;
        }

        (await users.SetTwoFactorEnabledAsync(user, true)).ThrowIfFailed("Turning on two-factor");
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount);
        await AuditAsync(user, AuditActions.TwoFactorEnabled, "authenticator app");
        await signIn.RefreshSignInAsync(user);
        return codes?.ToList() ?? [];
    }

    /// <summary>Replaces the recovery codes (the old ones stop working).</summary>
    public async Task<IReadOnlyList<string>> NewRecoveryCodesAsync(ApplicationUser user)
    {
        if (!user.TwoFactorEnabled)
        {
            return [];
        }

        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount);
        await AuditAsync(user, AuditActions.RecoveryCodesRenewed, "");
        return codes?.ToList() ?? [];
    }

    /// <summary>
    /// A new phone: the old key and recovery codes stop working and set-up starts again (staff who must use two-factor
    /// reach nothing else until it is done).
    /// </summary>
    public async Task StartOverAsync(ApplicationUser user)
    {
        await ClearAsync(users, user);
        await AuditAsync(user, AuditActions.TwoFactorDisabled, "set up again on a new device");
        await signIn.RefreshSignInAsync(user);
    }

    /// <summary>Turns two-factor off, with a current code, for someone it is not required of.</summary>
    public async Task<bool> TurnOffAsync(ApplicationUser user, IList<string> roles, string code)
    {
        if (
            !user.TwoFactorEnabled
            || !policy.MayTurnOff(roles)
            || TotpTokenProvider.Normalize(code) is not { } digits
            || !await users.VerifyTwoFactorTokenAsync(user, TotpTokenProvider.Name, digits)
        )
        {
            return false;
        }

        await ClearAsync(users, user);
        await AuditAsync(user, AuditActions.TwoFactorDisabled, "turned off by the account holder");
        await signIn.RefreshSignInAsync(user);
        return true;
    }

    /// <summary>
    /// Two-factor off, a fresh key, no recovery codes, a new security stamp (every session must sign in again).
    /// </summary>
    public static async Task ClearAsync(UserManager<ApplicationUser> users, ApplicationUser user)
    {
        (await users.SetTwoFactorEnabledAsync(user, false)).ThrowIfFailed("Turning off two-factor");
        (await users.ResetAuthenticatorKeyAsync(user)).ThrowIfFailed("Replacing the authenticator key");
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
    }

    private Task AuditAsync(ApplicationUser user, string action, string details) =>
        audit.RecordAsync(user.Id, user.Email ?? user.Id, action, user.Email ?? user.Id, details);

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
