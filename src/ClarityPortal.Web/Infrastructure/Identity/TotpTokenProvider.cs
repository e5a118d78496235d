using System.Globalization;
using ClarityPortal.Data.Identity;
using Microsoft.AspNetCore.Identity;
using OtpNet;

namespace ClarityPortal.Web.Infrastructure.Identity;

/// <summary>
/// Authenticator-app codes (RFC 6238: 6 digits, 30-second steps, SHA-1, one step of clock drift either way), each
/// usable once: the last accepted step is kept per user, and a code from that step or an earlier one is refused
/// (ASVS 4.0.3 §2.8.4). Identity's own authenticator provider accepts the same code again within its window.
/// </summary>
public sealed class TotpTokenProvider(TimeProvider clock) : IUserTwoFactorTokenProvider<ApplicationUser>
{
    public const string Name = "ClarityTotp";
    private const string LastStepToken = "LastStep";

    public async Task<bool> CanGenerateTwoFactorTokenAsync(
        UserManager<ApplicationUser> manager,
        ApplicationUser user
    ) => !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    /// <summary>The app makes the codes; the server never sends one.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<ApplicationUser> manager, ApplicationUser user) =>
        Task.FromResult("");

    public async Task<bool> ValidateAsync(
        string purpose,
        string token,
        UserManager<ApplicationUser> manager,
        ApplicationUser user
    )
    {
        var code = Normalize(token);
        if (code is null || await manager.GetAuthenticatorKeyAsync(user) is not { Length: > 0 } key)
        {
            return false;
        }

        var totp = new Totp(Base32Encoding.ToBytes(key));
        if (!totp.VerifyTotp(clock.GetUtcNow().UtcDateTime, code, out var step, new VerificationWindow(1, 1)))
        {
            return false;
        }

        var last = await manager.GetAuthenticationTokenAsync(user, Name, LastStepToken);
        if (long.TryParse(last, CultureInfo.InvariantCulture, out var lastStep) && step <= lastStep)
        {
            return false; // this code, or a newer one, was already used
        }

        // Saved with the user's concurrency stamp: of two posts racing with one code, only one can save.
        var saved = await manager.SetAuthenticationTokenAsync(
            user,
            Name,
            LastStepToken,
            step.ToString(CultureInfo.InvariantCulture)
        );
        return saved.Succeeded;
    }

    /// <summary>Six digits, allowing the spaces and dashes people type; otherwise null.</summary>
    public static string? Normalize(string? token)
    {
        var digits = new string((token ?? "").Where(c => c is not (' ' or '-')).ToArray());
        return digits.Length == 6 && digits.All(char.IsAsciiDigit) ? digits : null;
    }
}
