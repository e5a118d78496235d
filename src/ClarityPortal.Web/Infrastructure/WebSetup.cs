using System.Net;
using ClarityPortal.Web.Infrastructure.Identity;
using ClarityPortal.Web.Infrastructure.RateLimits;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using MudBlazor.Services;

namespace ClarityPortal.Web.Infrastructure;

/// <summary>The Blazor app, MudBlazor, health endpoints and the HTTP pipeline.</summary>
public static class WebSetup
{
    public static IServiceCollection AddPortalWeb(this IServiceCollection services, IConfiguration configuration)
    {
        // Circuit limits, chosen on the load driver's figures (docs/performance.md, "Circuit settings"): a lesson
        // circuit holds about 0.7 MB, so a disconnected tab is kept for the default 3 minutes (a phone switching
        // apps comes back to its page) but at most 200 of them at once (about 150 MB); render batches and interop
        // keep their defaults; the hub keeps SignalR's 32 KB message limit (no page persists more than a few KB).
        services
            .AddRazorComponents()
            .AddInteractiveServerComponents(options =>
            {
                options.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(3);
                options.DisconnectedCircuitMaxRetained = 200;
                options.MaxBufferedUnacknowledgedRenderBatches = 10;
                options.JSInteropDefaultCallTimeout = TimeSpan.FromMinutes(1);
            })
            .AddHubOptions(options => options.MaximumReceiveMessageSize = 32 * 1024);
        services.AddPublicPages();
        services.AddCircuitMoves(); // an instance that stops hands its open pages on (CircuitMoves, ADR 0013)
        if (configuration["Azure:SignalR:ConnectionString"] is { Length: > 0 } azureSignalR)
        {
            // Circuits go through Azure SignalR Service. Blazor needs every message of a circuit on the server that
            // holds it: sticky mode Required (docs/deployment.md).
            services
                .AddSignalR()
                .AddAzureSignalR(options =>
                {
                    options.ConnectionString = azureSignalR;
                    options.ServerStickyMode = Microsoft.Azure.SignalR.ServerStickyMode.Required;
                });
        }

        services.AddMudServices();
        services.AddHttpContextAccessor();
        services.AddLoadDiagnostics(configuration);

        // New circuits (each opens with a negotiate post) per client address and per signed-in user.
        var negotiate = HttpLimit.Posts("/_blazor/negotiate");
        services
            .AddPortalRateLimits()
            .AddHttpLimit(
                new HttpLimit(
                    "CircuitsPerAddress",
                    60,
                    TimeSpan.FromMinutes(1),
                    negotiate,
                    HttpLimit.ClientAddress,
                    "Too many pages opened",
                    "Too many pages were opened from your network.",
                    "/",
                    "Back to the portal"
                )
            )
            .AddHttpLimit(
                new HttpLimit(
                    "CircuitsPerUser",
                    30,
                    TimeSpan.FromMinutes(1),
                    negotiate,
                    HttpLimit.SignedInUser,
                    "Too many pages opened",
                    "Too many pages were opened with your account.",
                    "/",
                    "Back to the portal"
                )
            );

        // Behind a TLS-terminating proxy, trust X-Forwarded-Proto/For from loopback and the proxies listed in
        // ForwardedHeaders:KnownProxies only, so Secure cookies work and client addresses cannot be spoofed.
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });
        return services;
    }

    public static WebApplication UsePortal(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }

        app.UseSecurityHeaders();
        app.UseCircuitMoves(); // while stopping, new circuits go elsewhere
        // Friendly pages for empty 404s on GET; a failed POST keeps its status rather than being re-run as a page.
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.Use(
            (context, next) =>
            {
                if (
                    !HttpMethods.IsGet(context.Request.Method)
                    && !HttpMethods.IsHead(context.Request.Method)
                    && context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages
                )
                {
                    statusCodePages.Enabled = false;
                }

                return next(context);
            }
        );
        app.UseAuthentication();
        app.UseRateLimiter(); // after the real client address and the user are known (RateLimitSetup)
        app.UseTwoFactorGate(); // staff who must still set up two-factor reach only that page
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseOutputCache(); // visitors' public pages (PublicPages), once the user and the endpoint are known

        app.MapHealthChecks(
            "/health/live",
            new HealthCheckOptions { Predicate = check => check.Tags.Contains("live") }
        );
        app.MapHealthChecks(
            "/health/ready",
            new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }
        );
        app.MapStaticAssets();
        app.MapAccountEndpoints();
        app.MapLoadDiagnostics();
        return app;
    }
}
