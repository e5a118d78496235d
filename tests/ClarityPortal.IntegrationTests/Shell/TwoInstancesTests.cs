using System.Diagnostics;
using System.Net;
using ClarityPortal.Data.Seeding;
using ClarityPortal.LoadDriver;
using ClarityPortal.Proxy;
using ClarityPortal.Tests.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ClarityPortal.IntegrationTests.Shell;

/// <summary>
/// The portal as a clinic group runs it: two instances on Kestrel, one database, one real Redis, behind a local
/// reverse proxy with sticky sessions (deploy/ClarityPortal.Proxy, YARP). A patient signs in through the proxy and
/// marks a section read in a live circuit; the instance serving them stops; through the same address they are still
/// signed in (the key ring is shared) and their progress is there, now from the other instance.
/// </summary>
public sealed class TwoInstancesTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private const string InstanceHeader = InstanceName.Header;
    private const string Lesson = "/learn/how-ketamine-works";

    [SkippableFact]
    public async Task APatientCarriesOnThroughTheOtherInstanceWhenTheirsStops()
    {
        Skip.If(redis.UnavailableReason is not null, redis.UnavailableReason);
        await redis.FlushAsync();
        var database = Path.Combine(Path.GetTempPath(), $"clarity-two-{Guid.NewGuid():N}.db");
        var instances = new Dictionary<string, PortalFactory>();
        try
        {
            // One after the other: the first creates, migrates and seeds the database.
            foreach (var name in new[] { "a", "b" })
            {
                instances[name] = Start(name, database);
            }

            var addresses = instances.Values.Select(Address).ToList();
            await using var proxy = ProxyApp.Build(["--urls", "http://127.0.0.1:0"], addresses);
            await proxy.StartAsync();
            var front = new Uri(proxy.Urls.First() + "/");
            using var http = new PortalHttp(front);
            var ct = new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token;

            // Signed in and reading through the proxy; the section is marked read in the live circuit.
            await using var tab = new CircuitClient(http, new JsResults());
            await http.SignInAsync(IdentitySeed.DemoPatient, IdentitySeed.DemoPassword, tab.Cookies, ct);
            await tab.OpenAsync(Lesson, ct);
            await tab.WaitForAsync(t => MarkAsRead(t) is not null, "a Mark as read button", ct);
            var before = ReadCount(tab.Tree);
            Assert.NotNull(await tab.ClickAsync(MarkAsRead(tab.Tree)!, Stopwatch.GetTimestamp(), ct));
            await tab.WaitForAsync(t => ReadCount(t) > before, "the section counted as read", ct);
            var read = ReadCount(tab.Tree);

            using var browser = new HttpClient(
                new HttpClientHandler { CookieContainer = tab.Cookies, AllowAutoRedirect = false }
            )
            {
                BaseAddress = front,
            };
            var serving = (await browser.GetAsync(Lesson, ct)).Headers.GetValues(InstanceHeader).Single();

            // The instance serving the patient stops.
            await tab.DisposeAsync();
            await instances[serving].DisposeAsync();
            instances.Remove(serving);

            // The same browser, the same address: the other instance answers, signed in, with the progress.
            var other = instances.Keys.Single();
            var page = await UntilServedByAsync(browser, other, ct);
            Assert.Contains("data-signed-in=\"true\"", page, StringComparison.Ordinal);

            await using var again = new CircuitClient(http, new JsResults());
            foreach (Cookie cookie in tab.Cookies.GetAllCookies())
            {
                again.Cookies.Add(cookie);
            }

            await again.OpenAsync(Lesson, ct);
            await again.WaitForAsync(t => ReadCount(t) == read, $"{read} sections read", ct);
        }
        finally
        {
            foreach (var instance in instances.Values)
            {
                await instance.DisposeAsync();
            }

            foreach (var file in new[] { database, database + "-wal", database + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    private PortalFactory Start(string name, string database)
    {
        var portal = new PortalFactory
        {
            Environment = "Development", // the demo patient
            Settings =
            {
                ["ConnectionStrings:Sqlite"] = $"Data Source={database}",
                ["ConnectionStrings:Redis"] = redis.ConnectionString,
                ["AllowedHosts"] = "*",
                ["Seed:DemoCaseload"] = "false",
            },
            TestServices = services => services.AddSingleton<IStartupFilter>(new InstanceName(name)),
        };
        portal.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        portal.StartServer();
        return portal;
    }

    private static string Address(PortalFactory portal) =>
        portal.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    /// <summary>The lesson page once the proxy has moved this browser to <paramref name="instance"/>.</summary>
    private static async Task<string> UntilServedByAsync(HttpClient browser, string instance, CancellationToken ct)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var response = await browser.GetAsync(Lesson, ct);
                if (
                    response.StatusCode == HttpStatusCode.OK
                    && response.Headers.TryGetValues(InstanceHeader, out var names)
                    && names.Single() == instance
                )
                {
                    return await response.Content.ReadAsStringAsync(ct);
                }
            }
            catch (HttpRequestException) { } // the proxy has not noticed yet

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "The proxy never moved the patient over.");
            await Task.Delay(250, ct);
        }
    }

    private static ElementNode? MarkAsRead(RenderTree tree)
    {
        lock (tree)
        {
            return tree.Elements()
                .FirstOrDefault(e =>
                    e.Name == "button"
                    && e.Attributes.GetValueOrDefault("aria-label")
                        ?.StartsWith("Mark as read", StringComparison.Ordinal) == true
                );
        }
    }

    /// <summary>"2 of 7 sections read" in the progress header: 2; -1 before it shows.</summary>
    private static int ReadCount(RenderTree tree)
    {
        lock (tree)
        {
            var label = tree.Find("id", "progress-label");
            var text = label is null ? "" : RenderTree.TextOf(label);
            return int.TryParse(text.Split(' ')[0], out var count) ? count : -1;
        }
    }
}
