using System.Net;
using ClarityPortal.Web.Infrastructure.Identity;
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
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddHttpContextAccessor();

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
        app.UseRateLimiter(); // sign-in posts per client address (SignInRateLimits), after the real address is known
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }

        app.UseSecurityHeaders();
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
        app.UseTwoFactorGate(); // staff who must still set up two-factor reach only that page
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks(
            "/health/ready",
            new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }
        );
        app.MapStaticAssets();
        app.MapAccountEndpoints();
        return app;
    }
}
