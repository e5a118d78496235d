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
        var services = context.HttpContext.RequestServices;
        var audit = services.GetRequiredService<AuditLog>();
        var objectId = principal.GetObjectId();
        var email =
            principal.FindFirstValue("preferred_username")
            ?? principal.FindFirstValue(ClaimTypes.Email)
            ?? principal.FindFirstValue("email");
        var roles = MappedRoles(principal);

        if (objectId is null || email is null || roles.Count == 0)
        {
            await audit.RecordAsync(
                null,
                email ?? "unknown Entra user",
                AuditActions.SignInFailed,
                email ?? "",
                "Entra ID: no staff app role"
            );
            context.Fail("This Microsoft account has no Clarity Portal staff role.");
            return;
        }

        var users = services.GetRequiredService<UserManager<ApplicationUser>>();
        var user = users.Users.FirstOrDefault(u => u.EntraObjectId == objectId) ?? await users.FindByEmailAsync(email);
        if (user is { Kind: not UserKind.Staff })
        {
            await audit.RecordAsync(
                user.Id,
                email,
                AuditActions.SignInFailed,
                email,
                "Entra ID: email belongs to a patient account"
            );
            context.Fail("This Microsoft account cannot be linked.");
            return;
        }

        if (user is { DeactivatedAt: not null })
        {
            await audit.RecordAsync(
                user.Id,
                email,
                AuditActions.SignInFailed,
                email,
                "Entra ID: staff account deactivated"
            );
            context.Fail("This staff account has been deactivated.");
            return;
        }

        if (user is null)
        {
            user = new ApplicationUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                Kind = UserKind.Staff,
                EntraObjectId = objectId,
                DisplayName = principal.FindFirstValue("name") ?? email,
                CreatedAt = DateTime.UtcNow,
            };
            (await users.CreateAsync(user)).ThrowIfFailed("Linking the Entra ID staff user");
            await audit.RecordAsync(user.Id, email, AuditActions.StaffLinkedFromEntra, email, "created");
        }
        else if (user.EntraObjectId is null)
        {
            user.EntraObjectId = objectId;
            (await users.UpdateAsync(user)).ThrowIfFailed("Linking the Entra ID staff user");
            await audit.RecordAsync(
                user.Id,
                email,
                AuditActions.StaffLinkedFromEntra,
                email,
                "linked to existing staff user"
            );
        }

        // Entra ID is the source of truth for an Entra user's staff roles.
        foreach (var role in new[] { PortalRoles.Clinician, PortalRoles.Admin })
        {
            await users.SetRoleAsync(user, role, roles.Contains(role), "Linking the Entra ID staff user");
        }

        var identity = (ClaimsIdentity)principal.Identity!;
        identity.AddClaim(new Claim(PortalUser.UserIdClaim, user.Id));
        foreach (var role in roles)
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, role));
        }

        await audit.RecordAsync(user.Id, email, AuditActions.SignInSucceeded, email, "Entra ID");
    }
}
