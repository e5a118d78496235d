using ClarityPortal.Data;
using ClarityPortal.Data.Identity;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;

namespace ClarityPortal.Web.Infrastructure.Identity;

/// <summary>Sign-in for the three roles: local Identity accounts, plus Entra ID for staff when configured.</summary>
public static class IdentitySetup
{
    /// <summary>
    /// The default scheme: forwards to the Entra ID staff cookie when present, else to Identity's cookie.
    /// </summary>
    public const string SelectorScheme = "Clarity";

    public const string LoginPath = "/account/login";

    /// <summary>The account page (profile, change password).</summary>
    public const string AccountPath = "/account";
    public const string AccessDeniedPath = "/account/access-denied";

    public static IServiceCollection AddPortalIdentity(
        this IServiceCollection services,
        IConfiguration configuration,
        IHostEnvironment environment
    )
    {
        var secure = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        var entraEnabled = EntraStaffSignIn.IsConfigured(configuration);

        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, PortalAuthenticationStateProvider>();
        services.AddAuthorization(PortalPolicies.Configure);
        services.AddScoped<AuthorizationGuard>();
        services.AddSingleton<IdentityScope>();
        services.AddSignInRateLimits(configuration);
        services.AddScoped<SignInChecks>();
        services.AddScoped<PasswordReset>();
        services.Configure<StaffTwoFactorOptions>(configuration.GetSection(StaffTwoFactorOptions.Section));
        services.AddSingleton<StaffTwoFactor>();
        services.AddScoped<TwoFactorAccount>();
        services.Configure<PortalSessionOptions>(configuration.GetSection(PortalSessionOptions.Section));
        services.AddSingleton<SessionStore>();

        var auth = services
            .AddAuthentication(options =>
            {
                options.DefaultScheme = SelectorScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddPolicyScheme(
                SelectorScheme,
                "Clarity Portal",
                options =>
                    options.ForwardDefaultSelector = context =>
                        entraEnabled && context.Request.Cookies.ContainsKey(EntraStaffSignIn.CookieName)
                            ? EntraStaffSignIn.CookieScheme
                            : IdentityConstants.ApplicationScheme
            );
        auth.AddIdentityCookies();

        services
            .AddIdentityCore<ApplicationUser>(ConfigureIdentity)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<ClarityDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddTokenProvider<TotpTokenProvider>(TotpTokenProvider.Name)
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddClaimsPrincipalFactory<PortalClaimsFactory>();

        services.ConfigureApplicationCookie(options => ConfigureCookie(options, ".Clarity.Auth", secure));
        UseSessionStore(services, IdentityConstants.ApplicationScheme);

        // Role changes and deactivation reach signed-in browsers within a minute (the circuit re-checks as often).
        services.Configure<SecurityStampValidatorOptions>(o =>
            o.ValidationInterval = PortalAuthenticationStateProvider.Interval
        );
        services.Configure<CookieAuthenticationOptions>(
            IdentityConstants.ExternalScheme,
            o => o.Cookie.SecurePolicy = secure
        );
        services.Configure<CookieAuthenticationOptions>(
            IdentityConstants.TwoFactorUserIdScheme,
            o => o.Cookie.SecurePolicy = secure
        );
        services.Configure<CookieAuthenticationOptions>(
            IdentityConstants.TwoFactorRememberMeScheme,
            o =>
            {
                o.Cookie.SecurePolicy = secure;
                o.ExpireTimeSpan = TimeSpan.FromDays(30);
            }
        );
        services.AddAntiforgery(options => options.Cookie.SecurePolicy = secure);

        if (entraEnabled)
        {
            EntraStaffSignIn.Add(auth, configuration, secure);
        }

        return services;
    }

    /// <summary>The cookie of <paramref name="scheme"/> keeps its ticket in <see cref="SessionStore"/>.</summary>
    public static void UseSessionStore(IServiceCollection services, string scheme) =>
        services
            .AddOptions<CookieAuthenticationOptions>(scheme)
            .Configure<SessionStore>((options, store) => options.SessionStore = store);

    /// <summary>Password, lockout and user rules (DESIGN.md §4).</summary>
    public static void ConfigureIdentity(IdentityOptions options)
    {
        options.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
        options.SignIn.RequireConfirmedAccount = false;
        options.User.RequireUniqueEmail = true;
        // ASVS 4.0.3 §2.1: length, not composition; common passwords are refused by CommonPasswordValidator.
        options.Password.RequiredLength = 12;
        options.Password.RequiredUniqueChars = 4;
        options.Password.RequireDigit = false;
        options.Password.RequireLowercase = false;
        options.Password.RequireUppercase = false;
        options.Password.RequireNonAlphanumeric = false;
        options.Lockout.AllowedForNewUsers = true;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        options.Tokens.AuthenticatorTokenProvider = TotpTokenProvider.Name; // codes usable once
    }

    public static void ConfigureCookie(CookieAuthenticationOptions options, string name, CookieSecurePolicy secure)
    {
        options.Cookie.Name = name;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.Cookie.SecurePolicy = secure;
        options.LoginPath = LoginPath;
        options.LogoutPath = "/account/logout";
        options.AccessDeniedPath = AccessDeniedPath;
        options.ExpireTimeSpan = TimeSpan.FromHours(8);
        options.SlidingExpiration = true;

        // A session that just ended for inactivity: the sign-in page says so.
        var redirectToLogin = options.Events.OnRedirectToLogin;
        options.Events.OnRedirectToLogin = context =>
        {
            if (context.HttpContext.Items.ContainsKey(SessionStore.EndedForInactivity))
            {
                context.RedirectUri = Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(
                    context.RedirectUri,
                    "signedOut",
                    "idle"
                );
            }

            return redirectToLogin(context);
        };
    }
}
