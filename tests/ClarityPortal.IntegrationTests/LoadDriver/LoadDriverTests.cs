using System.Diagnostics;
using System.Net;
using ClarityPortal.Data;
using ClarityPortal.Data.Audit;
using ClarityPortal.Data.Identity;
using ClarityPortal.Data.Seeding;
using ClarityPortal.LoadDriver;
using ClarityPortal.Web.Features.Progress;
using ClarityPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClarityPortal.IntegrationTests.LoadDriver;

/// <summary>
/// The circuit load driver (bench/ClarityPortal.LoadDriver) against a real portal on Kestrel: a few tabs, a few
/// clicks, checked against what the page and the database show. The figures themselves come from runs on
/// demand (docs/performance.md), never from these tests.
/// </summary>
public sealed class LoadDriverTests : IAsyncLifetime
{
    private readonly PortalFactory portal = new()
    {
        Environment = "Development",
        Settings =
        {
            ["AllowedHosts"] = "*",
            [LoadDiagnostics.Setting] = "true",
            ["Seed:DemoCaseload"] = "false",
        },
    };

    private Uri baseUri = default!;

    public async Task InitializeAsync()
    {
        portal.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        portal.StartServer();
        baseUri = new Uri(
            portal.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
                + "/"
        );
        await using var scope = portal.Services.CreateAsyncScope();
        await using var db = await scope
            .ServiceProvider.GetRequiredService<IDbContextFactory<ClarityDbContext>>()
            .CreateDbContextAsync();
        await LoadSeed.SeedAsync(
            scope.ServiceProvider.GetRequiredService<IPasswordHasher<ApplicationUser>>(),
            db,
            60, // more than one page of the matrix
            DateTime.UtcNow,
            DateOnly.FromDateTime(DateTime.UtcNow)
        );
        await ProgressSummaries.RebuildAsync(db); // the seed writes assignments around the services
    }

    public async Task DisposeAsync() => await portal.DisposeAsync();

    [Fact]
    public async Task ATabWithoutABrowserStepsTheExplorerAndSeesEachStepRendered()
    {
        using var http = new PortalHttp(baseUri);
        var js = new JsResults();
        await using var tab = new CircuitClient(http, js);

        await tab.OpenAsync(ReadersScenario.Lesson, CancellationToken.None);
        await tab.WaitForAsync(t => t.Find("data-testid", "explorer-next") is not null, "the explorer", default);
        Assert.Equal("Step 1 of 7", CaptionStep(tab));
        for (var step = 2; step <= 3; step++)
        {
            var latency = await tab.ClickAsync("explorer-next", Stopwatch.GetTimestamp(), CancellationToken.None);
            Assert.NotNull(latency);
            Assert.Equal($"Step {step} of 7", CaptionStep(tab));
        }

        Assert.Null(tab.Error);
        Assert.True(tab.RendererObjectId > 0);
        Assert.Empty(js.Unknown);
    }

    [Fact]
    public async Task AReadersRunOpensEveryCircuitActsOnScheduleAndClosesThemOnTheServer()
    {
        var run = new LoadRun(
            new LoadOptions(
                baseUri,
                false,
                new ReadersScenario(),
                [3],
                TimeSpan.FromSeconds(3),
                TimeSpan.FromMilliseconds(500),
                4,
                null
            ),
            TextWriter.Null
        );

        var started = DateTimeOffset.UtcNow;
        var result = await run.RunAsync(CancellationToken.None);

        Assert.Equal(3, result.Opened);
        Assert.Equal(0, result.OpenErrors + result.CircuitErrors);
        var plateau = Assert.Single(result.Plateaus);
        Assert.True(plateau.Events >= 6, $"{plateau.Events} actions");
        Assert.Equal(0, plateau.Timeouts);
        Assert.True(plateau.P50Ms > 0);
        // Every action is in the timeline, in the second it was due, and the slowest second holds the slowest.
        Assert.Equal(plateau.Events, plateau.Timeline.Sum(s => s.Actions));
        Assert.Equal(0, plateau.Timeline.Sum(s => s.Timeouts));
        Assert.All(plateau.Timeline, s => Assert.InRange(s.Second, started.AddSeconds(-1), DateTimeOffset.UtcNow));
        Assert.InRange(plateau.Timeline.Max(s => s.MaxMs), plateau.MaxMs * 0.99, plateau.MaxMs * 1.01);
        Assert.Equal(3, plateau.Memory!.ServerCircuits);
        Assert.True(plateau.Memory.GcHeapBytes > 0);
        Assert.Equal(0, result.Baseline!.ServerCircuits);
        await WaitForServerCircuitsAsync(0); // the disconnect beacon frees each circuit at once
    }

    [Fact]
    public async Task PatientsReportsAreHandledAndCountedNoFasterThanRealTime()
    {
        var run = new LoadRun(
            new LoadOptions(
                baseUri,
                false,
                new PatientsScenario(LoadSeed.Password),
                [2],
                TimeSpan.FromSeconds(3),
                TimeSpan.FromMilliseconds(500),
                2,
                null
            ),
            TextWriter.Null
        );

        var wall = Stopwatch.StartNew();
        var result = await run.RunAsync(CancellationToken.None);
        wall.Stop();

        Assert.True(result.OpenErrors + result.CircuitErrors == 0, string.Join("\n", result.FirstErrors));
        var plateau = Assert.Single(result.Plateaus);
        Assert.True(plateau.Events >= 4, $"{plateau.Events} reports");
        Assert.Equal(0, plateau.Timeouts);
        var seconds = await portal.WithDbAsync(db =>
            db.SectionProgress.Where(p => p.Patient!.Email!.StartsWith("load-patient-")).SumAsync(p => p.ActiveSeconds)
        );
        // Each report claims 5 s every 0.5 s; the server counts no more than the time that really passed.
        Assert.InRange(seconds, 1, 2 * wall.Elapsed.TotalSeconds);
    }

    [Fact]
    public async Task AClinicianTabPagesTheMatrixAndEachPageIsAnAuditedView()
    {
        var viewsBefore = await MatrixViewsAsync();
        var run = new LoadRun(
            new LoadOptions(
                baseUri,
                false,
                new CliniciansScenario(IdentitySeed.DemoClinician, IdentitySeed.DemoPassword),
                [1],
                TimeSpan.FromSeconds(3),
                TimeSpan.FromMilliseconds(500),
                1,
                null
            ),
            TextWriter.Null
        );

        var result = await run.RunAsync(CancellationToken.None);

        Assert.True(result.OpenErrors + result.CircuitErrors == 0, string.Join("\n", result.FirstErrors));
        var plateau = Assert.Single(result.Plateaus);
        Assert.True(plateau.Events >= 3, $"{plateau.Events} pages");
        Assert.Equal(0, plateau.Timeouts);
        // The first view, then one per page turned.
        Assert.Equal(viewsBefore + 1 + plateau.Events, await MatrixViewsAsync());
    }

    private Task<int> MatrixViewsAsync() =>
        portal.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditActions.PatientsMatrixViewed));

    [Fact]
    public async Task TheMemoryEndpointAnswersOnlyTheMachineItselfAndOnlyWhenSet()
    {
        using var client = new HttpClient { BaseAddress = baseUri };
        using var forwarded = new HttpRequestMessage(HttpMethod.Get, LoadDiagnostics.Path);
        forwarded.Headers.Add("X-Forwarded-For", "203.0.113.7"); // a visitor behind the (loopback) proxy

        var local = await client.GetAsync(LoadDiagnostics.Path);
        var remote = await client.SendAsync(forwarded);
        await using var plain = new PortalFactory();
        var unset = await plain.CreatePortalClient().GetAsync(LoadDiagnostics.Path);

        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        Assert.Contains("\"gcHeapBytes\":", await local.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, remote.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unset.StatusCode);
    }

    private async Task WaitForServerCircuitsAsync(int expected)
    {
        // The counter itself, not the diagnostics endpoint: that forces full collections, which would stop every
        // other test running in this process ten times a second.
        var counter = portal.Services.GetRequiredService<LoadDiagnostics.CircuitCounter>();
        var waited = Stopwatch.StartNew();
        while (counter.Open != expected && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(100);
        }

        Assert.Equal(expected, counter.Open);
    }

    private static string CaptionStep(CircuitClient tab)
    {
        lock (tab.Tree)
        {
            var caption = tab
                .Tree.Elements()
                .Single(e => e.Attributes.GetValueOrDefault("class") == "explorer__caption");
            return RenderTree.TextOf(caption).Split(':')[0].Trim();
        }
    }
}
