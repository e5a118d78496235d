using System.Net;
using ClarityPortal.Data.Seeding;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ClarityPortal.EndToEndTests;

/// <summary>
/// One portal on Kestrel (127.0.0.1, random port, Development demo accounts, its own SQLite file) and one
/// headless Debian Chromium, shared by the whole collection. Without Chromium the tests fail when CI=true and
/// skip with a clear message elsewhere.
/// </summary>
public sealed class PortalBrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly string dbPath = Path.Combine(Path.GetTempPath(), $"clarity-e2e-{Guid.NewGuid():N}.db");

    /// <summary>A copy of the repository's content that tests may change (to publish a new revision).</summary>
    public string ContentRoot { get; } = Path.Combine(Path.GetTempPath(), $"clarity-e2e-content-{Guid.NewGuid():N}");

    public IServiceProvider Services => portal!.Services;

    /// <summary>Where the portal writes outgoing mail as .eml files (invitations, acknowledgements).</summary>
    public string MailFolder { get; } = Path.Combine(Path.GetTempPath(), $"clarity-e2e-mail-{Guid.NewGuid():N}");
    private KestrelPortal? portal;
    private IPlaywright? playwright;
    private readonly LiveSettings live = new();

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = default!;

    public string? UnavailableReason { get; private set; }

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            UnavailableReason = $"Chromium is not installed at {ChromiumPath} (apt-get install -y chromium).";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(UnavailableReason + " Browser tests cannot be skipped in CI.");
            }

            return;
        }

        CopyContent();
        portal = new KestrelPortal(dbPath, ContentRoot, MailFolder, live);
        portal.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        portal.StartServer();
        BaseUrl = portal
            .Services.GetRequiredService<IServer>()
            .Features.Get<IServerAddressesFeature>()!
            .Addresses.First();

        // Generous waits: in CI the four test projects share two cores, and a circuit can take seconds to start.
        Assertions.SetDefaultExpectTimeout(15_000);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(
            new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args =
                [
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                ],
            }
        );
    }

    /// <summary>
    /// Runs <paramref name="work"/> with some settings changed in the running portal (read through options that follow
    /// configuration reloads, as in production), and puts them back afterwards. Browser tests run one at a time.
    /// </summary>
    public async Task WithSettingsAsync(IReadOnlyDictionary<string, string?> settings, Func<Task> work)
    {
        live.Set(settings);
        try
        {
            await work();
        }
        finally
        {
            live.Set(settings.ToDictionary(s => s.Key, _ => (string?)null));
        }
    }

    /// <summary>A fresh browser context (own cookies) and page at the given viewport.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(
            new BrowserNewContextOptions
            {
                BaseURL = BaseUrl,
                ViewportSize = new ViewportSize { Width = width, Height = height },
            }
        );
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (portal is not null)
        {
            await portal.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { dbPath, dbPath + "-wal", dbPath + "-shm" })
        {
            File.Delete(file);
        }

        foreach (var folder in new[] { ContentRoot, MailFolder }.Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private void CopyContent()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "content", "modules")))
        {
            dir = dir.Parent;
        }

        var source = Path.Combine(
            dir?.FullName ?? throw new DirectoryNotFoundException("content/ not found"),
            "content"
        );
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(ContentRoot, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>Settings a test may change while the portal runs; empty unless a test sets some.</summary>
    private sealed class LiveSettings : ConfigurationProvider, IConfigurationSource
    {
        public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

        public void Set(IReadOnlyDictionary<string, string?> settings)
        {
            foreach (var (key, value) in settings)
            {
                if (value is null)
                {
                    Data.Remove(key);
                }
                else
                {
                    Data[key] = value;
                }
            }

            OnReload();
        }
    }

    private sealed class KestrelPortal(string dbPath, string contentRoot, string mailFolder, LiveSettings live)
        : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.ConfigureAppConfiguration(config => config.Add(live));
            builder.UseEnvironment("Development"); // the demo accounts exist only in Development
            builder.UseSetting("ConnectionStrings:Sqlite", $"Data Source={dbPath}");
            builder.UseSetting("Content:Path", contentRoot);
            builder.UseSetting("Email:PickupFolder", mailFolder);

            // A shorter dwell, through the rule's own settings (the rule itself still applies): 1 s per section.
            // The browser tests sign in many times from one address: throttling is tested over HTTP.
            builder.UseSetting("Audit:Key", "tests-only-audit-key-0123456789abcdefghij");
            builder.UseSetting("RateLimits:SignIn:PerAddressPerMinute", "10000");
            // Tests open many pages and post many forms from one address; the limit tests lower these again.
            builder.UseSetting("RateLimits:CircuitsPerAddress:Permits", "100000");
            builder.UseSetting("RateLimits:CircuitsPerUser:Permits", "100000");
            builder.UseSetting("RateLimits:ContactPerAddress:Permits", "100000");
            builder.UseSetting("RateLimits:ContactAll:Permits", "100000");
            builder.UseSetting("RateLimits:ProgressPerUser:Permits", "100000");
            builder.UseSetting("RateLimits:QuestionsPerUser:Permits", "100000");
            builder.UseSetting("Reminders:Enabled", "false"); // reminder tests run the scheduler themselves
            builder.UseSetting("Clinic:TimeZone", "UTC"); // tests build dates from UTC, not the machine's zone
            builder.UseSetting("Progress:MinSeconds", "1");
            builder.UseSetting("Progress:Fraction", "0.02");
            builder.UseSetting("Progress:BatchSeconds", "1");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<PortalBrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>
/// Helpers every browser test uses: skip-or-fail without Chromium, wait for the circuit, sign in, axe.
/// </summary>
public abstract class BrowserTest(PortalBrowserFixture fixture)
{
    protected PortalBrowserFixture Fixture { get; } = fixture;

    /// <summary>The first link matching <paramref name="link"/> in a mail to <paramref name="email"/> in the pickup
    /// folder (the outbox row loses a link's body once sent). Waits up to 30 s.</summary>
    protected async Task<string> MailedLinkAsync(string email, System.Text.RegularExpressions.Regex link)
    {
        for (var attempt = 0; attempt < 60; attempt++)
        {
            if (Directory.Exists(Fixture.MailFolder))
            {
                foreach (var file in Directory.GetFiles(Fixture.MailFolder, "*.eml"))
                {
                    var message = await MimeKit.MimeMessage.LoadAsync(file);
                    if (
                        message.To.Mailboxes.Any(m => m.Address == email)
                        && link.Match(message.TextBody ?? "") is { Success: true } match
                    )
                    {
                        return match.Value;
                    }
                }
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"No mail with a link for {email} arrived in {Fixture.MailFolder}.");
    }

    protected async Task<IPage> OpenAsync(string path, int width = 1280, int height = 900)
    {
        Skip.If(Fixture.UnavailableReason is not null, Fixture.UnavailableReason);
        var page = await Fixture.NewPageAsync(width, height);
        await page.GotoAsync(path);
        return page;
    }

    /// <summary>Waits until the Blazor circuit has taken over the prerendered page.</summary>
    /// <summary>
    /// Waits until the page can be acted on: its circuit is live, or, on a page rendered without one (a public page
    /// for a visitor), every island on it is.
    /// </summary>
    protected static Task WaitForInteractiveAsync(IPage page) => page.WaitForFunctionAsync(PageIsLive);

    internal const string PageIsLive = """
        () => document.body.dataset.circuit === 'false'
            ? [...document.querySelectorAll('[data-live]')].every(e => e.dataset.live === 'true')
            : document.querySelector("[data-interactive='true']") !== null
        """;

    /// <summary>Waits until sign-in has landed the person on their start page (see Landing).</summary>
    protected static Task WaitForLandingAsync(IPage page) =>
        page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));

    protected static async Task SignInAsync(IPage page, string email, string password = IdentitySeed.DemoPassword)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
    }
}
