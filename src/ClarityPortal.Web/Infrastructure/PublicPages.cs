using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace ClarityPortal.Web.Infrastructure;

/// <summary>
/// Marks a page anyone may read (home, lessons, glossary, directory). A visitor who is not signed in gets it as
/// static server-side rendering, with interactive islands only where they act (the explorer, the checks, the
/// directory's filters), from the output cache; a signed-in person gets the live page as before
/// (docs/adr/0011-public-pages-static-for-visitors.md).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class PublicPageAttribute : Attribute;

/// <summary>Static rendering and output caching of <see cref="PublicPageAttribute"/> pages for visitors.</summary>
public static class PublicPages
{
    /// <summary>The tag every cached public page carries; <see cref="PublicPageCache.EvictAsync"/> clears it.</summary>
    public const string CacheTag = "public-pages";

    /// <summary>
    /// How long a rendered page is served to other visitors. It must stay well under the 5 minutes for which
    /// Blazor accepts the island markers in a page; changes by staff evict at once, so this only bounds how long
    /// another instance shows what it cached.
    /// </summary>
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(60);

    /// <summary>
    /// A GET (or HEAD) of a public page by someone not signed in: rendered statically, without antiforgery tokens
    /// (so one visitor's token is never cached for another), and cacheable.
    /// </summary>
    public static bool IsVisit(HttpContext context) =>
        (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        && context.User.Identity?.IsAuthenticated != true
        && context.GetEndpoint()?.Metadata.GetMetadata<PublicPageAttribute>() is not null;

    public static IServiceCollection AddPublicPages(this IServiceCollection services)
    {
        services.AddOutputCache(options =>
        {
            options.AddBasePolicy(new VisitPolicy());
            options.SizeLimit = 64 * 1024 * 1024;
            options.UseCaseSensitivePaths = true; // lesson addresses are: /learn/SAFETY is not a page
        });
        services.AddSingleton<PublicPageCache>();

        // Tokens are minted through IAntiforgery, both by forms and by Blazor when it hands a token to interactive
        // components. A visit gets none: the page has no form that needs one, and a cached token would be wrong for
        // everyone else. Every other request gets the framework's own behaviour.
        var original =
            services.LastOrDefault(d => d.ServiceType == typeof(IAntiforgery))
            ?? throw new InvalidOperationException("AddPublicPages needs AddRazorComponents (antiforgery) first.");
        var implementation =
            original.ImplementationType
            ?? throw new InvalidOperationException("The antiforgery service is not registered by type.");
        services.Remove(original);
        services.AddSingleton<IAntiforgery>(sp => new VisitAntiforgery(
            (IAntiforgery)ActivatorUtilities.CreateInstance(sp, implementation),
            sp.GetRequiredService<IOptions<AntiforgeryOptions>>().Value
        ));
        return services;
    }

    /// <summary>
    /// Caches a visit's 200 answer without cookies, per path and query, theme and kind of navigation
    /// (a full load or Blazor's enhanced navigation).
    /// </summary>
    private sealed class VisitPolicy : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var http = context.HttpContext;
            var visit = IsVisit(http) && !http.Request.Headers.ContainsKey("Authorization");
            context.EnableOutputCaching = visit;
            context.AllowCacheLookup = visit;
            context.AllowCacheStorage = visit;
            context.AllowLocking = true;
            if (visit)
            {
                context.ResponseExpirationTimeSpan = CacheLifetime;
                context.Tags.Add(CacheTag);
                context.CacheVaryByRules.QueryKeys = "*"; // the directory's filters live in the query
                var dark = ThemePreference.IsDark(http.Request);
                context.CacheVaryByRules.VaryByValues["theme"] = dark ? "dark" : "light";
                var enhanced = http.Request.Headers.Accept.ToString().Contains("blazor-enhanced-nav", Ordinal);
                context.CacheVaryByRules.VaryByValues["navigation"] = enhanced ? "enhanced" : "full";
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) =>
            ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var response = context.HttpContext.Response;
            if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
            {
                context.AllowCacheStorage = false;
            }

            return ValueTask.CompletedTask;
        }

        private const StringComparison Ordinal = StringComparison.Ordinal;
    }

    private sealed class VisitAntiforgery(IAntiforgery inner, AntiforgeryOptions options) : IAntiforgery
    {
        private AntiforgeryTokenSet None => new(null, null, options.FormFieldName, options.HeaderName);

        public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext) =>
            IsVisit(httpContext) ? None : inner.GetAndStoreTokens(httpContext);

        public AntiforgeryTokenSet GetTokens(HttpContext httpContext) =>
            IsVisit(httpContext) ? None : inner.GetTokens(httpContext);

        public Task<bool> IsRequestValidAsync(HttpContext httpContext) => inner.IsRequestValidAsync(httpContext);

        public Task ValidateRequestAsync(HttpContext httpContext) => inner.ValidateRequestAsync(httpContext);

        public void SetCookieTokenAndHeader(HttpContext httpContext)
        {
            if (!IsVisit(httpContext))
            {
                inner.SetCookieTokenAndHeader(httpContext);
            }
        }
    }
}

/// <summary>Clears the cached public pages after staff change what they show (providers, clinic, lessons).</summary>
public sealed class PublicPageCache(IOutputCacheStore store)
{
    public Task EvictAsync(CancellationToken ct = default) => store.EvictByTagAsync(PublicPages.CacheTag, ct).AsTask();
}
