using System.Net;
using ClarityPortal.Data.Seeding;
using ClarityPortal.Proxy;
using ClarityPortal.Tests.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ClarityPortal.EndToEndTests.Shell;

/// <summary>
/// A deploy in a clinic group: two instances on one database and one real Redis, behind the sticky proxy
/// (deploy/ClarityPortal.Proxy). A patient signs in through the proxy, marks a section read and leaves the explorer
/// and a check half done; the instance serving them stops; the page pauses, carries its state to the browser and goes
/// on, without a reload, on the other instance: still signed in, the section still read, the explorer's step and the
/// chosen answer as they were (ADR 0013).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class InstanceMoveTests(PortalBrowserFixture fixture, RedisServer redis)
    : BrowserTest(fixture),
        IClassFixture<RedisServer>
{
    private const string InstanceHeader = InstanceName.Header;
    private const string Lesson = "/learn/how-ketamine-works";
    private const string Question = "What does ketamine do to the NMDA receptor?";
    private const string Choice = "It turns glutamate into GABA.";

    [SkippableFact]
    public async Task AnOpenLessonCarriesOnWhereItWasWhenItsInstanceStops()
    {
        Skip.If(Fixture.UnavailableReason is not null, Fixture.UnavailableReason);
        Skip.If(redis.UnavailableReason is not null, redis.UnavailableReason);
        var database = Path.Combine(Path.GetTempPath(), $"clarity-move-{Guid.NewGuid():N}.db");
        var instances = new Dictionary<string, Instance>();
        try
        {
            foreach (var name in new[] { "a", "b" }) // one after the other: the first migrates and seeds
            {
                instances[name] = new Instance(name, database, redis.ConnectionString);
                instances[name].Start();
            }

            await using var proxy = ProxyApp.Build(
                ["--urls", "http://127.0.0.1:0"],
                instances.Values.Select(i => i.Address).ToList()
            );
            await proxy.StartAsync();
            var context = await Fixture.Browser.NewContextAsync(new() { BaseURL = proxy.Urls.First() });
            context.SetDefaultTimeout(30_000);
            var page = await context.NewPageAsync();
            await SignInAsync(page, IdentitySeed.DemoPatient);
            await WaitForLandingAsync(page);

            // A section marked read, two steps into the explorer, an answer chosen but not checked yet.
            await page.GotoAsync(Lesson);
            await WaitForInteractiveAsync(page);
            var readCount = page.Locator("#progress-label");
            var before = await readCount.InnerTextAsync();
            await page.GetByRole(AriaRole.Button, new() { NameRegex = new("^Mark as read") }).First.ClickAsync();
            await Assertions.Expect(readCount).Not.ToHaveTextAsync(before);
            var read = await readCount.InnerTextAsync(); // one more section read than before
            var explorer = page.Locator(".explorer");
            await explorer.GetByTestId("explorer-next").ClickAsync();
            await explorer.GetByTestId("explorer-next").ClickAsync();
            await Assertions.Expect(explorer.Locator(".explorer__caption")).ToContainTextAsync("Step 3 of");
            var check = page.Locator(".check").Filter(new() { HasText = Question });
            await check.GetByText(Choice, new() { Exact = true }).ClickAsync();
            var choice = check.GetByRole(AriaRole.Radio, new() { Name = Choice, Exact = true });
            await Assertions.Expect(choice).ToBeCheckedAsync();
            await page.EvaluateAsync("() => { window.sameDocument = true; }");
            var serving = await ServingInstanceAsync(page);

            // The instance serving the patient stops, as in a deploy (the host's graceful stop).
            await instances[serving].DisposeAsync();
            instances.Remove(serving);
            var other = instances.Keys.Single();

            // The same page, not reloaded, live on the other instance, where it was.
            await page.WaitForFunctionAsync(
                "() => !document.getElementById('components-reconnect-modal').open",
                null,
                new() { Timeout = 60_000 }
            );
            Assert.Equal(other, await ServingInstanceAsync(page));
            Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"), "The page reloaded.");
            Assert.Equal("true", await page.Locator("body").GetAttributeAsync("data-signed-in"));
            await Assertions.Expect(readCount).ToHaveTextAsync(read);
            await Assertions.Expect(explorer.Locator(".explorer__caption")).ToContainTextAsync("Step 3 of");
            await Assertions.Expect(choice).ToBeCheckedAsync();
            await explorer.GetByTestId("explorer-next").ClickAsync();
            await Assertions.Expect(explorer.Locator(".explorer__caption")).ToContainTextAsync("Step 4 of");
            await check.GetByRole(AriaRole.Button, new() { Name = "Check my answer" }).ClickAsync();
            await Assertions.Expect(check.Locator(".check__feedback")).ToContainTextAsync("Not quite");
            await context.CloseAsync();
        }
        finally
        {
            foreach (var instance in instances.Values)
            {
                await instance.DisposeAsync();
            }

            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { database, database + "-wal", database + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>Which instance answers this tab now (through the proxy, with its affinity cookie).</summary>
    private static Task<string> ServingInstanceAsync(IPage page) =>
        page.EvaluateAsync<string>(
            $"async () => (await fetch('/health/live', {{ cache: 'no-store' }})).headers.get('{InstanceHeader}')"
        );

    /// <summary>One instance of the portal on Kestrel, naming itself on every answer.</summary>
    private sealed class Instance(string name, string database, string redis) : WebApplicationFactory<Program>
    {
        public string Address { get; private set; } = "";

        public void Start()
        {
            UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            StartServer();
            Address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development"); // the demo patient
            builder.UseSetting("ConnectionStrings:Sqlite", $"Data Source={database}");
            builder.UseSetting("Seed:DemoCaseload", "false");
            builder.UseSetting("ConnectionStrings:Redis", redis);
            builder.UseSetting("AllowedHosts", "*"); // the proxy passes its own address on as the host
            builder.UseSetting("Audit:Key", "tests-only-audit-key-0123456789abcdefghij");
            builder.UseSetting("Reminders:Enabled", "false");
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new InstanceName(name)));
        }
    }
}
