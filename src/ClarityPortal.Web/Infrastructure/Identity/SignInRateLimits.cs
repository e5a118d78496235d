using ClarityPortal.Web.Infrastructure.RateLimits;

namespace ClarityPortal.Web.Infrastructure.Identity;

/// <summary>Limits under <c>RateLimits:SignIn</c>.</summary>
public sealed class SignInRateLimitOptions
{
    public const string Section = "RateLimits:SignIn";

    /// <summary>Sign-in and password posts one client address may make in a minute.</summary>
    public int PerAddressPerMinute { get; set; } = 10;

    /// <summary>A ceiling for all client addresses together, against a spread-out attack.</summary>
    public int PerMinute { get; set; } = 300;
}

/// <summary>
/// Throttles the posts that check a password or a code (sign-in, two-factor, change password) per client address and
/// overall, as two of the portal's HTTP limits (<see cref="RateLimitSetup"/>). A refused post gets a 429 page saying
/// when to try again. Per-account lockout (5 tries, 15 minutes) still applies on top.
/// </summary>
public static class SignInRateLimits
{
    /// <summary>The pages whose posts check a password.</summary>
    public static readonly IReadOnlySet<string> Paths = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        IdentitySetup.LoginPath,
        IdentitySetup.AccountPath,
        PasswordReset.ForgotPath,
        PasswordReset.ResetPath,
        TwoFactorAccount.SignInPath,
        TwoFactorAccount.SetupPath,
    };

    public static IServiceCollection AddSignInRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection(SignInRateLimitOptions.Section).Get<SignInRateLimitOptions>() ?? new();
        var posts = HttpLimit.Posts([.. Paths]);
        const string Message = "There were too many sign-in attempts from your network.";
        return services
            .AddHttpLimit(
                new HttpLimit(
                    "SignInPerAddress",
                    limits.PerAddressPerMinute,
                    TimeSpan.FromMinutes(1),
                    posts,
                    HttpLimit.ClientAddress,
                    "Too many tries",
                    Message,
                    IdentitySetup.LoginPath,
                    "Back to sign in"
                )
            )
            .AddHttpLimit(
                new HttpLimit(
                    "SignInAll",
                    limits.PerMinute,
                    TimeSpan.FromMinutes(1),
                    posts,
                    HttpLimit.Everyone,
                    "Too many tries",
                    Message,
                    IdentitySetup.LoginPath,
                    "Back to sign in"
                )
            );
    }
}
