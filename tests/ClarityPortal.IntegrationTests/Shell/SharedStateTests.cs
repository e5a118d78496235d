using System.Net;
using ClarityPortal.Data.Identity;
using ClarityPortal.Tests.Shared;
using ClarityPortal.Web.Features.Providers;
using Microsoft.Extensions.DependencyInjection;

namespace ClarityPortal.IntegrationTests.Shell;

/// <summary>
/// Two instances of the portal on one database and one real Redis (<c>ConnectionStrings:Redis</c>): a limit counts
/// requests to both, a visitor's cached page is shared and a staff change on one instance evicts it for the other;
/// with Redis gone, pages still render, limits still hold per instance, and readiness says so.
/// </summary>
public sealed class SharedStateTests(RedisServer redis) : IClassFixture<RedisServer>
{
    [SkippableFact]
    public async Task ALimitCountsTheRequestsToBothInstances()
    {
        Skip.If(redis.UnavailableReason is not null, redis.UnavailableReason);
        await redis.FlushAsync();
        var (a, b) = Pair(redis.ConnectionString, ("RateLimits:CircuitsPerAddress:Permits", "3"));
        await using (a)
        await using (b)
        {
            var first = a.CreatePortalClient();
            var second = b.CreatePortalClient();

            Assert.Equal(HttpStatusCode.OK, await NegotiateAsync(first));
            Assert.Equal(HttpStatusCode.OK, await NegotiateAsync(second));
            Assert.Equal(HttpStatusCode.OK, await NegotiateAsync(first));

            // Each instance has seen at most two: only a count they share refuses the fourth.
            Assert.Equal(HttpStatusCode.TooManyRequests, await NegotiateAsync(second));
            Assert.Equal(HttpStatusCode.TooManyRequests, await NegotiateAsync(first));
        }
    }

    [SkippableFact]
    public async Task AVisitorsCachedPageIsSharedAndAStaffChangeOnOneInstanceEvictsItOnTheOther()
    {
        Skip.If(redis.UnavailableReason is not null, redis.UnavailableReason);
        await redis.FlushAsync();
        var (a, b) = Pair(redis.ConnectionString);
        await using (a)
        await using (b)
        {
            Assert.Null((await a.CreatePortalClient().GetAsync("/providers")).Headers.Age);
            Assert.NotNull((await b.CreatePortalClient().GetAsync("/providers")).Headers.Age); // a's rendering

            await PublicPageTests.PublishProviderAsync(a, "riley-redis", "Riley Redis");

            var response = await b.CreatePortalClient().GetAsync("/providers");
            Assert.Null(response.Headers.Age);
            Assert.Contains("Riley Redis", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public async Task ReadinessIncludesRedis()
    {
        Skip.If(redis.UnavailableReason is not null, redis.UnavailableReason);
        await using var portal = Instance(redis.ConnectionString);

        var response = await portal.CreatePortalClient().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task WithRedisGonePagesStillRenderLimitsHoldPerInstanceAndReadinessFails()
    {
        // Nothing listens on this port: Redis is down from the start.
        using var closed = RedisServer.ClosedPort();
        await using var portal = Instance(
            $"127.0.0.1:{((IPEndPoint)closed.LocalEndPoint!).Port},connectTimeout=500",
            ("RateLimits:CircuitsPerAddress:Permits", "1")
        );
        var client = portal.CreatePortalClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/learn")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/learn")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await NegotiateAsync(client));
        Assert.Equal(HttpStatusCode.TooManyRequests, await NegotiateAsync(client));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
    }

    private static async Task<HttpStatusCode> NegotiateAsync(HttpClient client) =>
        (await client.PostAsync("/_blazor/negotiate?negotiateVersion=1", null)).StatusCode;

    private static PortalFactory Instance(string redisConnection, params (string Key, string Value)[] settings)
    {
        var portal = new PortalFactory();
        portal.Settings["ConnectionStrings:Redis"] = redisConnection;
        foreach (var (key, value) in settings)
        {
            portal.Settings[key] = value;
        }

        return portal;
    }

    /// <summary>Two instances on one database (the first one's) and one Redis.</summary>
    private static (PortalFactory A, PortalFactory B) Pair(
        string redisConnection,
        params (string Key, string Value)[] settings
    )
    {
        var a = Instance(redisConnection, settings);
        _ = a.Services; // start it: it creates and migrates the database
        var b = Instance(redisConnection, settings);
        b.Settings["ConnectionStrings:Sqlite"] = $"Data Source={a.DatabasePath}";
        _ = b.Services; // started too: starting syncs content, which evicts the cached pages everywhere
        return (a, b);
    }
}
