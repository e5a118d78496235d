using System.Security.Claims;
using ClarityPortal.Data.Audit;
using ClarityPortal.Data.Identity;
using ClarityPortal.Web.Infrastructure.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Identity.Web;

namespace ClarityPortal.Web.Infrastructure.Identity;

/// <summary>
/// Staff sign-in with Microsoft Entra ID through Microsoft.Identity.Web, on its own OIDC scheme and cookie.
/// Entra app roles <c>Clinician</c> and <c>Admin</c> map to ours; the first sign-in links or creates the staff user.
/// </summary>
public static class EntraStaffSignIn
{
    public const string Scheme = "Entra";
    public const string CookieScheme = "EntraCookie";
    public const string CookieName = ".Clarity.Staff";
    public const string SignInPath = "/account/staff-sign-in";

    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["AzureAd:ClientId"])
        && !string.IsNullOrWhiteSpace(configuration["AzureAd:TenantId"]);

    public static void Add(AuthenticationBuilder auth, IConfiguration configuration, CookieSecurePolicy secure)
    {
        // Refuse to start with a tenant setting that would let other organizations in (checked again per sign-in).
        var tenants = configuration.GetSection("AzureAd").Get<EntraTenantOptions>() ?? new();
        if (tenants.Problem() is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        auth.Services.Configure<EntraTenantOptions>(configuration.GetSection("AzureAd"));
        auth.Services.AddScoped<EntraStaffLinker>();
        auth.AddMicrosoftIdentityWebApp(
            configuration.GetSection("AzureAd"),
            Scheme,
            CookieScheme,
            displayName: "Microsoft Entra ID"
        );
        IdentitySetup.UseSessionStore(auth.Services, CookieScheme);
        auth.Services.Configure<CookieAuthenticationOptions>(
            CookieScheme,
            options =>
            {
                IdentitySetup.ConfigureCookie(options, CookieName, secure);
                var earlier = options.Events.OnValidatePrincipal;
                options.Events.OnValidatePrincipal = async context =>
                {
                    await earlier(context);
                    await ValidateSessionAsync(context);
                };
            }
        );
        auth.Services.Configure<OpenIdConnectOptions>(
            Scheme,
            options =>
            {
                var earlier = options.Events.OnTokenValidated;
                options.Events.OnTokenValidated = async context =>
                {
                    await earlier(context);
                    await LinkStaffUserAsync(context);
                };
                options.Events.OnRemoteFailure = context =>
                {
                    context.Response.Redirect(IdentitySetup.LoginPath + "?staffError=1");
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
            }
        );
    }

    /// <summary>The staff roles an Entra principal carries in its app roles, in our spelling.</summary>
    public static IReadOnlyList<string> MappedRoles(ClaimsPrincipal principal) =>
        [
            .. new[] { PortalRoles.Clinician, PortalRoles.Admin }.Where(role =>
                principal.Claims.Any(c =>
                    (c.Type == PortalUser.EntraRolesClaim || c.Type == ClaimTypes.Role)
                    && string.Equals(c.Value, role, StringComparison.OrdinalIgnoreCase)
                )
            ),
        ];

    /// <summary>
    /// Once a minute per browser, the linked staff user must still exist as active staff; a deactivated user's Entra
    /// cookie is rejected, so plain HTTP pages (exports, the printable record) stop working as fast as circuits do.
    /// </summary>
    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        const string CheckedKey = ".clarity.checked";
        var services = context.HttpContext.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        if (
            context.Principal is null
            || (
                context.Properties.Items.TryGetValue(CheckedKey, out var last)
                && DateTimeOffset.TryParse(
                    last,
                    System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.RoundtripKind,
                    out var at
                )
                && now - at < PortalAuthenticationStateProvider.Interval
            )
        )
        {
            return;
        }

        var id = PortalUser.Id(context.Principal);
        var user = id is null
            ? null
            : await services.GetRequiredService<UserManager<ApplicationUser>>().FindByIdAsync(id);
        if (user is not { Kind: UserKind.Staff, DeactivatedAt: null })
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieScheme);
            return;
        }

        context.Properties.Items[CheckedKey] = now.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        context.ShouldRenew = true;
    }

    private static async Task LinkStaffUserAsync(TokenValidatedContext context)
    {
        var principal = context.Principal!;
        var linker = context.HttpContext.RequestServices.GetRequiredService<EntraStaffLinker>();
        var result = await linker.LinkAsync(principal);
        if (result.User is null)
        {
            context.Fail(result.Failure ?? "This Microsoft account cannot sign in here.");
            return;
        }

        var identity = (ClaimsIdentity)principal.Identity!;
        identity.AddClaim(new Claim(PortalUser.UserIdClaim, result.User.Id));
        foreach (var role in result.Roles)
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, role));
        }
    }
}
