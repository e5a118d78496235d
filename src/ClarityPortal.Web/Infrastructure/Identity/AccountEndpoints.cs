using ClarityPortal.Data.Audit;
using ClarityPortal.Data.Identity;
using ClarityPortal.Web.Infrastructure.Audit;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace ClarityPortal.Web.Infrastructure.Identity;

/// <summary>
/// HTTP endpoints the account pages post to: sign-out and staff sign-in with Entra ID.
/// </summary>
public static class AccountEndpoints
{
    public const string ActivityPath = "/account/activity";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints
            .MapPost(
                "/account/logout",
                async (
                    HttpContext context,
                    SignInManager<ApplicationUser> signIn,
                    AuditLog audit,
                    IAuthenticationSchemeProvider schemes
                ) =>
                {
                    if (await ValidFormAsync(context) is not { } form)
                    {
                        return ExpiredForm();
                    }

                    var user = context.User;
                    await signIn.SignOutAsync();
                    if (await schemes.GetSchemeAsync(EntraStaffSignIn.CookieScheme) is not null)
                    {
                        await context.SignOutAsync(EntraStaffSignIn.CookieScheme);
                    }

                    if (user.Identity?.IsAuthenticated == true)
                    {
                        await audit.RecordAsync(user, AuditActions.SignedOut, user.Identity.Name ?? "");
                    }

                    return Results.LocalRedirect(IdentityRedirectManager.LocalOrHome(form["returnUrl"]));
                }
            )
            .WithMetadata(new RequireAntiforgeryTokenAttribute());

        // portal.js reports that the person is typing, clicking or scrolling; reading the session's cookie (the
        // authentication middleware, SessionStore) is what records it. Cross-site pages cannot send it: the cookie is
        // SameSite=Lax.
        endpoints.MapPost(ActivityPath, () => Results.NoContent());

        endpoints.MapGet(
            EntraStaffSignIn.SignInPath,
            async (IAuthenticationSchemeProvider schemes, string? returnUrl) =>
                await schemes.GetSchemeAsync(EntraStaffSignIn.Scheme) is null
                    ? Results.NotFound()
                    : Results.Challenge(
                        new AuthenticationProperties { RedirectUri = IdentityRedirectManager.LocalOrHome(returnUrl) },
                        [EntraStaffSignIn.Scheme]
                    )
        );

        return endpoints;
    }

    private static IResult ExpiredForm() =>
        Results.Text(
            "This form has expired. Go back, reload the page and try again.",
            "text/plain",
            statusCode: StatusCodes.Status400BadRequest
        );

    /// <summary>The posted form, or null when the antiforgery token is missing or wrong (answered with 400).</summary>
    private static async Task<IFormCollection?> ValidFormAsync(HttpContext context) =>
        context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false }
        || !context.Request.HasFormContentType
            ? null
            : await context.Request.ReadFormAsync();
}
