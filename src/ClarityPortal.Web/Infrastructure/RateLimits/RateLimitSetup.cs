using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using ClarityPortal.Web.Infrastructure.SharedState;
using Microsoft.AspNetCore.RateLimiting;

namespace ClarityPortal.Web.Infrastructure.RateLimits;

/// <summary>
/// The one rate-limiting setup. Features add their <see cref="HttpLimit"/>s with <see cref="AddHttpLimit"/> and use
/// <see cref="UserLimits"/> (registered with the platform) for circuit calls; every limit is named and can be
/// changed under <c>RateLimits</c>.
/// All HTTP limits are chained into ASP.NET Core's global limiter, which takes permits atomically, so parallel
/// requests cannot slip past a limit.
/// </summary>
public static class RateLimitSetup
{
    public const string Section = "RateLimits";

    public static IServiceCollection AddHttpLimit(this IServiceCollection services, HttpLimit limit) =>
        services.AddSingleton(limit);

    public static IServiceCollection AddPortalRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services
            .AddOptions<RateLimiterOptions>()
            .Configure<IEnumerable<HttpLimit>, IConfiguration, IServiceProvider>(
                (options, limits, configuration, provided) =>
                {
                    var configured = limits.Select(l => Configured(configuration, l)).ToList();
                    var shared = provided.GetService<RedisWindows>();
                    if (configured.Count > 0)
                    {
                        options.GlobalLimiter = PartitionedRateLimiter.CreateChained([
                            .. configured.Select(l => Limiter(l, shared)),
                        ]);
                    }

                    options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
                    options.OnRejected = (context, ct) =>
                        WriteTooManyAsync(context, configured.FirstOrDefault(l => l.Applies(context.HttpContext)), ct);
                }
            );
        return services;
    }

    /// <summary>The limit with <c>RateLimits:{Name}:Permits</c> and <c>:Window</c> applied when set.</summary>
    public static HttpLimit Configured(IConfiguration configuration, HttpLimit limit)
    {
        var (permits, window) = Settings(configuration, limit.Name, limit.Permits, limit.Window);
        return limit with { Permits = permits, Window = window };
    }

    public static UserLimit Configured(IConfiguration configuration, UserLimit limit)
    {
        var (permits, window) = Settings(configuration, limit.Name, limit.Permits, limit.Window);
        return limit with { Permits = permits, Window = window };
    }

    private static (int Permits, TimeSpan Window) Settings(
        IConfiguration configuration,
        string name,
        int permits,
        TimeSpan window
    )
    {
        var settings = configuration.GetSection($"{Section}:{name}").Get<LimitSettings>();
        return (settings?.Permits ?? permits, settings?.Window ?? window);
    }

    internal static FixedWindowRateLimiterOptions WindowOptions(UserLimit limit) =>
        new()
        {
            PermitLimit = Math.Max(1, limit.Permits),
            Window = limit.Window > TimeSpan.Zero ? limit.Window : TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        };

    /// <summary>
    /// One fixed window per partition: in this process, or in Redis when the instances share it
    /// (<see cref="RedisWindows"/>, which falls back to this process's window when Redis does not answer).
    /// </summary>
    private static PartitionedRateLimiter<HttpContext> Limiter(HttpLimit limit, RedisWindows? shared) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context =>
            limit.Applies(context) && limit.Partition(context) is { } key
                ? RateLimitPartition.Get(
                    $"{limit.Name}:{key}",
                    partition =>
                    {
                        var options = WindowOptions(new UserLimit(limit.Name, limit.Permits, limit.Window));
                        var local = new FixedWindowRateLimiter(options);
                        return shared?.Limiter(partition, options.PermitLimit, options.Window, local) ?? local;
                    }
                )
                : RateLimitPartition.GetNoLimiter("")
        );

    private static async ValueTask WriteTooManyAsync(OnRejectedContext context, HttpLimit? limit, CancellationToken ct)
    {
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? retryAfter
            : limit?.Window ?? TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        var response = context.HttpContext.Response;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (context.HttpContext.Request.Path.StartsWithSegments("/_blazor"))
        {
            return; // the reconnect dialog handles a refused circuit; a page here would never be seen
        }

        response.ContentType = "text/html; charset=utf-8";
        var minutes = seconds <= 60 ? "a minute" : $"{Math.Ceiling(seconds / 60.0)} minutes";
        var title = WebUtility.HtmlEncode(limit?.Title ?? "Please wait a moment");
        var message = limit?.Message ?? "There were too many requests from your network.";
        var back = limit?.BackHref ?? "/";
        var backText = limit?.BackText ?? "Back to the portal";
        await response.WriteAsync(
            $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>{title} — Clarity Portal</title>
            <meta name="viewport" content="width=device-width, initial-scale=1"></head>
            <body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem">
            <h1>{title}</h1>
            <p>{WebUtility.HtmlEncode(message)} Please wait {WebUtility.HtmlEncode(minutes)} and try again.</p>
            <p><a href="{WebUtility.HtmlEncode(back)}">{WebUtility.HtmlEncode(backText)}</a></p>
            <p><strong>In an emergency, call 911.</strong>
            In a crisis, call or text 988 (Suicide &amp; Crisis Lifeline), any time.</p>
            </body></html>
            """,
            ct
        );
    }
}
