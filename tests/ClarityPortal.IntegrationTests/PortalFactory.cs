using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using ClarityPortal.Data;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClarityPortal.IntegrationTests;

/// <summary>
/// The portal in a test host with its own real SQLite file. Production environment unless told otherwise.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    private readonly string dbPath = Path.Combine(Path.GetTempPath(), $"clarity-it-{Guid.NewGuid():N}.db");

    public string Environment { get; init; } = "Production";

    public Dictionary<string, string?> Settings { get; } = [];

    public Action<IServiceCollection>? TestServices { get; init; }

    public Action<IWebHostBuilder>? Host { get; init; }

    public string DatabasePath => dbPath;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseSetting("ConnectionStrings:Sqlite", $"Data Source={dbPath}");
        // Tests sign in many times from one address; a test of throttling sets its own limit in Settings.
        builder.UseSetting("Audit:Key", "tests-only-audit-key-0123456789abcdefghij");
        builder.UseSetting("RateLimits:SignIn:PerAddressPerMinute", "10000");
        // Tests open many pages and post many forms from one address; the limit tests lower these again.
        builder.UseSetting("RateLimits:CircuitsPerAddress:Permits", "100000");
        builder.UseSetting("RateLimits:CircuitsPerUser:Permits", "100000");
        builder.UseSetting("RateLimits:ContactPerAddress:Permits", "100000");
        builder.UseSetting("RateLimits:ContactAll:Permits", "100000");
        builder.UseSetting("RateLimits:ProgressPerUser:Permits", "100000");
        builder.UseSetting("RateLimits:QuestionsPerUser:Permits", "100000");
        // Settings the production start-up check asks for (ProductionChecks); its own test takes them away again.
        builder.UseSetting("Portal:PublicUrl", "https://clarity.test");
        builder.UseSetting("Contact:ClientHashKey", "integration-tests-client-hash-key-not-a-real-secret");
        builder.UseSetting("AllowedHosts", "clarity.test;localhost");
        builder.UseSetting("Email:AllowPickupFolder", "true");
        builder.UseSetting("DataProtection:AllowUnprotectedKeys", "true");
        // Tests build dates from UTC; the clinic's zone would otherwise be the machine's.
        builder.UseSetting("Clinic:TimeZone", "UTC");
        // Reminders run when a test asks for them, not on the background timer.
        builder.UseSetting("Reminders:Enabled", "false");
        // Staff in most tests sign in with a password alone; the two-factor tests require it in Settings.
        builder.UseSetting("Identity:RequireStaffTwoFactor", "false");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseStaticWebAssets();
        builder.ConfigureTestServices(services => TestServices?.Invoke(services));
        Host?.Invoke(builder);
    }

    /// <summary>An HTTPS client (cookies are Secure outside Development) that does not follow redirects.</summary>
    public HttpClient CreatePortalClient(bool followRedirects = false) =>
        CreateClient(
            new WebApplicationFactoryClientOptions
            {
                BaseAddress = new Uri("https://clarity.test"),
                AllowAutoRedirect = followRedirects,
            }
        );

    /// <summary>
    /// A DI scope signed in as <paramref name="user"/>, the way a Blazor circuit is (null: an anonymous visitor).
    /// </summary>
    public AsyncServiceScope ScopeAs(ClaimsPrincipal? user)
    {
        var scope = Services.CreateAsyncScope();
        (
            (IHostEnvironmentAuthenticationStateProvider)
                scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>()
        ).SetAuthenticationState(Task.FromResult(new AuthenticationState(user ?? new ClaimsPrincipal())));
        return scope;
    }

    /// <summary>A signed-in principal with our own role claim.</summary>
    public static ClaimsPrincipal User(string id, string role) =>
        new(
            new ClaimsIdentity(
                [
                    new Claim(ClaimTypes.NameIdentifier, id),
                    new Claim(ClaimTypes.Name, id),
                    new Claim(ClaimTypes.Role, role),
                ],
                "test"
            )
        );

    public async Task<T> WithDbAsync<T>(Func<ClarityDbContext, Task<T>> work)
    {
        var factory = Services.GetRequiredService<IDbContextFactory<ClarityDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await work(db);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { dbPath, dbPath + "-wal", dbPath + "-shm" })
        {
            File.Delete(file);
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>Signs in through the real sign-in form, as a browser would.</summary>
public static partial class FormPost
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient client, string email, string password)
    {
        var page = await client.GetStringAsync("/account/login");
        var token = AntiforgeryField().Match(page).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "The sign-in page has no antiforgery token.");
        return await client.PostAsync(
            "/account/login",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
                    ["_handler"] = "login",
                    ["Input.Email"] = email,
                    ["Input.Password"] = password,
                }
            )
        );
    }

    /// <summary>
    /// Posts a server-rendered form the way a browser does: fetch the page for its antiforgery token, then submit.
    /// </summary>
    public static async Task<HttpResponseMessage> PostFormAsync(
        this HttpClient client,
        string path,
        string handler,
        IDictionary<string, string> fields
    )
    {
        var page = await client.GetStringAsync(path);
        var token = AntiforgeryField().Match(page).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), $"{path} has no antiforgery token.");
        var form = new Dictionary<string, string>(fields)
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["_handler"] = handler,
        };
        return await client.PostAsync(path, new FormUrlEncodedContent(form));
    }
}
