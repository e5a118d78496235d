using System.Net;
using System.Security.Claims;
using ClarityPortal.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ClarityPortal.IntegrationTests.Account;

/// <summary>A stand-in for Microsoft Entra ID on 127.0.0.1: just the discovery document and an empty key set.</summary>
public sealed class StubAuthority : IAsyncLifetime
{
    public const string Tenant = "stub-tenant";

    /// <summary>The tenant id (the <c>tid</c> claim) of the stub tenant.</summary>
    public const string TenantGuid = "11111111-2222-3333-4444-555555555555";
    private WebApplication? app;

    public string BaseUrl { get; private set; } = "";

    /// <summary>
    /// A portal whose staff sign in with this stub tenant (plain HTTP on loopback: no HTTPS metadata).
    /// </summary>
    public PortalFactory Portal(Action<IServiceCollection>? more = null) =>
        new()
        {
            Settings =
            {
                ["AzureAd:Instance"] = BaseUrl + "/",
                ["AzureAd:TenantId"] = Tenant,
                ["AzureAd:AllowedTenants:0"] = TenantGuid,
                ["AzureAd:ClientId"] = "clarity-test-client",
                ["AzureAd:CallbackPath"] = "/signin-oidc",
            },
            TestServices = services =>
            {
                services.Configure<OpenIdConnectOptions>(EntraStaffSignIn.Scheme, o => o.RequireHttpsMetadata = false);
                more?.Invoke(services);
            },
        };

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        app = builder.Build();
        app.MapGet(
            "/{tenant}/v2.0/.well-known/openid-configuration",
            (string tenant) =>
                Results.Json(
                    new Dictionary<string, object>
                    {
                        ["issuer"] = $"{BaseUrl}/{tenant}/v2.0",
                        ["authorization_endpoint"] = $"{BaseUrl}/{tenant}/oauth2/v2.0/authorize",
                        ["token_endpoint"] = $"{BaseUrl}/{tenant}/oauth2/v2.0/token",
                        ["end_session_endpoint"] = $"{BaseUrl}/{tenant}/oauth2/v2.0/logout",
                        ["jwks_uri"] = $"{BaseUrl}/{tenant}/discovery/v2.0/keys",
                        ["response_types_supported"] = new[] { "code", "id_token", "code id_token" },
                        ["subject_types_supported"] = new[] { "pairwise" },
                        ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
                    }
                )
        );
        app.MapGet("/{tenant}/discovery/v2.0/keys", () => Results.Json(new { keys = Array.Empty<object>() }));
        await app.StartAsync();
        BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}

public class EntraStaffSignInTests(StubAuthority authority) : IClassFixture<StubAuthority>
{
    private PortalFactory Portal() => authority.Portal();

    [Fact]
    public async Task StaffSignInRedirectsToTheConfiguredAuthorityWithOurClientId()
    {
        await using var portal = Portal();

        var response = await portal
            .CreatePortalClient()
            .GetAsync($"{EntraStaffSignIn.SignInPath}?returnUrl=%2Fadmin%2Faudit");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith($"{authority.BaseUrl}/{StubAuthority.Tenant}/oauth2/v2.0/authorize", location.ToString());
        Assert.Contains("client_id=clarity-test-client", location.Query);
        Assert.Contains("redirect_uri=" + Uri.EscapeDataString("https://clarity.test/signin-oidc"), location.Query);
    }

    [Fact]
    public async Task TheSignInPageOffersMicrosoftSignInOnlyWhenConfigured()
    {
        await using var withEntra = Portal();
        await using var without = new PortalFactory();

        Assert.Contains(
            "Sign in with your Microsoft work account",
            await withEntra.CreatePortalClient().GetStringAsync("/account/login")
        );
        Assert.DoesNotContain(
            "Microsoft work account",
            await without.CreatePortalClient().GetStringAsync("/account/login")
        );
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await without.CreatePortalClient().GetAsync(EntraStaffSignIn.SignInPath)).StatusCode
        );
    }

    [Theory]
    [InlineData("Clinician", true, false)]
    [InlineData("Admin", true, true)]
    [InlineData("Patient", false, false)]
    [InlineData("Reader", false, false)]
    public async Task EntraAppRolesMapToOurPolicies(string entraRole, bool staff, bool admin)
    {
        await using var portal = Portal();
        var authorization = portal.Services.GetRequiredService<IAuthorizationService>();
        var principal = new ClaimsPrincipal(
            new ClaimsIdentity(
                [
                    new Claim("roles", entraRole),
                    new Claim("oid", Guid.NewGuid().ToString()),
                    new Claim("name", "Entra Person"),
                ],
                "AuthenticationTypes.Federation",
                "name",
                "roles"
            )
        );

        Assert.Equal(staff, (await authorization.AuthorizeAsync(principal, PortalPolicies.Staff)).Succeeded);
        Assert.Equal(admin, (await authorization.AuthorizeAsync(principal, PortalPolicies.Admin)).Succeeded);
        Assert.False((await authorization.AuthorizeAsync(principal, PortalPolicies.Patient)).Succeeded);
    }
}
