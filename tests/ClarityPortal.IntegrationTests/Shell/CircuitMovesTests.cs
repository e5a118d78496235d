using System.Diagnostics;
using System.Net;
using ClarityPortal.LoadDriver;
using ClarityPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ClarityPortal.IntegrationTests.Shell;

/// <summary>
/// The server side of moving open pages when an instance stops (ADR 0013): each open circuit is asked to move, the
/// stop waits for it to leave (within its patience), and meanwhile no new circuit starts here. The browser side, the
/// pause and the resume elsewhere, is proven in a real browser (EndToEndTests, InstanceMoveTests).
/// </summary>
public sealed class CircuitMovesTests
{
    [Fact]
    public async Task AStoppingInstanceRefusesNewCircuitsAndTellsTheLoadBalancer()
    {
        await using var portal = new PortalFactory();
        var client = portal.CreatePortalClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);

        var moved = await portal
            .Services.GetRequiredService<CircuitMoves.OpenCircuits>()
            .MoveAllAsync(TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Equal((0, 0), moved);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
        var negotiate = await client.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, negotiate.StatusCode);
        Assert.Equal("1", negotiate.Headers.RetryAfter?.ToString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/learn")).StatusCode); // pages still answer
    }

    [Fact]
    public async Task AStoppingInstanceAsksEachOpenPageToMoveAndWaitsUntilItHasLeft()
    {
        await using var portal = OnKestrel(out var http);
        using var client = http;
        var js = new JsResults();
        var tab = new CircuitClient(http, js);
        await tab.OpenAsync("/learn/how-ketamine-works", CancellationToken.None);
        await tab.WaitForAsync(t => t.Find("data-testid", "explorer-next") is not null, "the explorer", default);
        var circuits = portal.Services.GetRequiredService<CircuitMoves.OpenCircuits>();
        Assert.Equal(1, circuits.Count);

        // The tab is asked; it leaves (as a browser does once it has paused) a moment later.
        var waited = Stopwatch.StartNew();
        var moving = circuits.MoveAllAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        while (!js.Calls.ContainsKey(CircuitMoves.MoveFunction))
        {
            Assert.False(moving.IsCompleted, "The stop did not wait for the open page.");
            await Task.Delay(50);
        }

        await Task.Delay(300);
        Assert.False(moving.IsCompleted, "The stop did not wait for the open page to leave.");
        await tab.DisposeAsync();

        Assert.Equal((1, 1), await moving);
        Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "The stop waited its whole patience.");
        Assert.Equal(0, circuits.Count);
    }

    [Fact]
    public async Task APageThatDoesNotLeaveDelaysTheStopOnlyUpToItsPatience()
    {
        await using var portal = OnKestrel(out var http);
        using var client = http;
        await using var tab = new CircuitClient(http, new JsResults());
        await tab.OpenAsync("/learn/how-ketamine-works", CancellationToken.None);
        await tab.WaitForAsync(t => t.Find("data-testid", "explorer-next") is not null, "the explorer", default);

        var moved = await portal
            .Services.GetRequiredService<CircuitMoves.OpenCircuits>()
            .MoveAllAsync(TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Equal((1, 0), moved); // asked, never left: the stop goes on without it
    }

    /// <summary>A portal on Kestrel (circuits need a real socket), with a client for the load driver's tabs.</summary>
    private static PortalFactory OnKestrel(out PortalHttp http)
    {
        var portal = new PortalFactory
        {
            Environment = "Development", // a loopback address as the host
            Settings = { ["AllowedHosts"] = "*", ["Seed:DemoCaseload"] = "false" },
        };
        portal.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        portal.StartServer();
        var address = portal.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        http = new PortalHttp(new Uri(address.Addresses.First() + "/"));
        return portal;
    }
}
