using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace ClarityPortal.Web.Infrastructure.SharedState;

/// <summary>
/// What several instances of the portal must share, kept in Redis when <c>ConnectionStrings:Redis</c> is set
/// (docs/deployment.md, "A clinic group"): the output cache of visitors' pages (so a staff change evicts it
/// everywhere), the rate-limit windows (so a limit holds across instances), and a HybridCache whose second level is
/// Redis, which Blazor uses to persist the state of a circuit it lets go, so another instance can resume it.
/// The data-protection key ring is shared already: it lives in the database. Without the setting nothing here is
/// registered and each instance keeps its state in memory, as a single server does.
/// </summary>
public static class SharedStateSetup
{
    public const string ConnectionName = "Redis";

    /// <summary>Keys this portal writes start with it, so one Redis can serve other apps too.</summary>
    public const string KeyPrefix = "clarity:";

    /// <summary>Redis did not answer (some clients wrap it in an <see cref="AggregateException"/>).</summary>
    internal static bool IsOutage(Exception ex) =>
        ex is RedisException or TimeoutException || (ex is AggregateException all && all.InnerExceptions.All(IsOutage));

    public static IServiceCollection AddSharedState(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration.GetConnectionString(ConnectionName) is not { Length: > 0 } connection)
        {
            return services;
        }

        // One connection for the app. It is made on first use, and keeps retrying in the background if Redis is
        // down at start (AbortOnConnectFail=false): the portal starts, /health/ready says what is wrong.
        var options = ConfigurationOptions.Parse(connection);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast; // while Redis is away, fail at once and fall back
        options.ClientName ??= "clarity-portal";
        var multiplexer = new Lazy<Task<IConnectionMultiplexer>>(async () =>
            await ConnectionMultiplexer.ConnectAsync(options)
        );
        services.AddSingleton(multiplexer);
        services.AddSingleton<RedisWindows>();

        services.AddStackExchangeRedisCache(o =>
        {
            o.ConnectionMultiplexerFactory = () => multiplexer.Value;
            o.InstanceName = KeyPrefix + "cache:";
        });
        services.AddHybridCache();
        services.AddStackExchangeRedisOutputCache(o =>
        {
            o.ConnectionMultiplexerFactory = () => multiplexer.Value;
            o.InstanceName = KeyPrefix + "pages:";
        });
        var store = services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
        services.Remove(store);
        services.AddSingleton<IOutputCacheStore>(provided => new ResilientOutputCacheStore(
            (IOutputCacheStore)(
                store.ImplementationInstance
                ?? store.ImplementationFactory?.Invoke(provided)
                ?? ActivatorUtilities.CreateInstance(provided, store.ImplementationType!)
            ),
            provided.GetRequiredService<ILogger<ResilientOutputCacheStore>>()
        ));
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
        return services;
    }

    /// <summary>Ready when Redis answers a PING.</summary>
    private sealed class RedisHealthCheck(Lazy<Task<IConnectionMultiplexer>> redis) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(
            HealthCheckContext context,
            CancellationToken cancellationToken = default
        )
        {
            try
            {
                var latency = await (await redis.Value).GetDatabase().PingAsync();
                return HealthCheckResult.Healthy($"PING {latency.TotalMilliseconds:0} ms");
            }
            catch (Exception ex) when (IsOutage(ex))
            {
                return HealthCheckResult.Unhealthy("Redis does not answer.", ex);
            }
        }
    }
}
