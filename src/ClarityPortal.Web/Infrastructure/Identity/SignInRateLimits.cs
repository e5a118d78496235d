using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

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
/// overall, with ASP.NET Core's rate limiter; other requests are not limited here. A refused post gets a 429 page
/// saying when to try again. Per-account lockout (5 tries, 15 minutes) still applies on top.
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
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                Limiter(
                    limits.PerAddressPerMinute,
                    context => context.Connection.RemoteIpAddress?.ToString() ?? "unknown"
                ),
                Limiter(limits.PerMinute, _ => "all")
            );
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, ct) => WriteTooManyAsync(context, ct);
        });
        return services;
    }

    private static PartitionedRateLimiter<HttpContext> Limiter(int perMinute, Func<HttpContext, string> key) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context =>
            IsPasswordPost(context)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    key(context),
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = Math.Max(1, perMinute),
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    }
                )
                : RateLimitPartition.GetNoLimiter("other")
        );

    private static bool IsPasswordPost(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) && Paths.Contains(context.Request.Path.Value?.TrimEnd('/') ?? "");

    private static async ValueTask WriteTooManyAsync(OnRejectedContext context, CancellationToken ct)
    {
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? retryAfter
            : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        var response = context.HttpContext.Response;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        response.ContentType = "text/html; charset=utf-8";
        var minutes = seconds <= 60 ? "a minute" : $"{Math.Ceiling(seconds / 60.0)} minutes";
        await response.WriteAsync(
            $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Too many tries — Clarity Portal</title>
            <meta name="viewport" content="width=device-width, initial-scale=1"></head>
            <body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem">
            <h1>Too many tries</h1>
            <p>There were too many sign-in attempts from your network. Please wait {WebUtility.HtmlEncode(minutes)}
            and try again.</p>
            <p><a href="{IdentitySetup.LoginPath}">Back to sign in</a></p>
            <p><strong>In an emergency, call 911.</strong>
            In a crisis, call or text 988 (Suicide &amp; Crisis Lifeline).</p>
            </body></html>
            """,
            ct
        );
    }
}
