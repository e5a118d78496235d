using Microsoft.AspNetCore.Components.Endpoints;

namespace ClarityPortal.Web.Infrastructure.Identity;

/// <summary>
/// A staff member signed in with a password but without two-factor reaches the set-up page, sign-out and the files
/// pages need, nothing else: other pages redirect to set-up, other requests (circuits, exports, posts) get 403.
/// </summary>
public static class TwoFactorGate
{
    private static readonly HashSet<string> AssetExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".css",
        ".js",
        ".mjs",
        ".png",
        ".svg",
        ".ico",
        ".jpg",
        ".jpeg",
        ".webp",
        ".woff",
        ".woff2",
    };

    public static IApplicationBuilder UseTwoFactorGate(this IApplicationBuilder app) =>
        app.Use(
            async (context, next) =>
            {
                if (!StaffTwoFactor.IsEnrolling(context.User) || IsAllowed(context.Request))
                {
                    await next(context);
                    return;
                }

                if (HttpMethods.IsGet(context.Request.Method) && !context.Request.Path.StartsWithSegments("/_blazor"))
                {
                    context.Response.Redirect(TwoFactorAccount.SetupPath);
                    return;
                }

                context.Response.StatusCode = StatusCodes.Status403Forbidden;
            }
        );

    private static bool IsAllowed(HttpRequest request)
    {
        var path = request.Path;
        return path.Equals(TwoFactorAccount.SetupPath, StringComparison.OrdinalIgnoreCase)
            || path.Equals("/account/logout", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/_framework")
            || path.StartsWithSegments("/_content")
            || path.StartsWithSegments("/health")
            || (
                HttpMethods.IsGet(request.Method)
                && AssetExtensions.Contains(Path.GetExtension(path.Value ?? ""))
                && request.HttpContext.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is null
            );
    }
}
