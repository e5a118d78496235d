using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace ClarityPortal.Web.Infrastructure.SharedState;

/// <summary>
/// Fixed rate-limit windows counted in Redis, so a limit holds across every instance: one counter per limit and
/// partition, made by the first request of a window and expiring with it. When Redis cannot be reached the caller
/// counts in its own process instead (<see cref="TryTakeAsync"/> returns null): a limit then holds per instance, never
/// not at all.
/// </summary>
public sealed class RedisWindows(Lazy<Task<IConnectionMultiplexer>> redis, ILogger<RedisWindows> logger)
{
    // Atomic: the count and its window's expiry are set together; the time left comes back for Retry-After.
    private static readonly LuaScript Count = LuaScript.Prepare(
        """
        local count = redis.call('INCR', @key)
        if count == 1 then redis.call('PEXPIRE', @key, @window) end
        return { count, redis.call('PTTL', @key) }
        """
    );

    /// <summary>
    /// Takes one permit of <paramref name="key"/>'s current window: whether it was granted and how long the window
    /// still runs; null when Redis did not answer.
    /// </summary>
    public async ValueTask<(bool Granted, TimeSpan Left)?> TryTakeAsync(string key, int permits, TimeSpan window)
    {
        try
        {
            var db = (await redis.Value).GetDatabase();
            var result = (RedisResult[])
                (
                    await db.ScriptEvaluateAsync(
                        Count,
                        new
                        {
                            key = (RedisKey)(SharedStateSetup.KeyPrefix + "limit:" + key),
                            window = (long)window.TotalMilliseconds,
                        }
                    )
                )!;
            var count = (long)result[0];
            var left = TimeSpan.FromMilliseconds(Math.Max(0, (long)result[1]));
            return (count <= permits, left);
        }
        catch (Exception ex) when (SharedStateSetup.IsOutage(ex))
        {
            logger.LogWarning(ex, "Redis did not answer a rate-limit count; this instance counts {Key} alone.", key);
            return null;
        }
    }

    /// <summary>
    /// A limiter for one partition of an HTTP limit: counted in Redis, or by <paramref name="fallback"/> when Redis
    /// does not answer. Its synchronous attempt never grants (that would need the round trip): ASP.NET Core's
    /// middleware then asks <see cref="RateLimiter.AcquireAsync"/>, which counts once.
    /// </summary>
    public RateLimiter Limiter(string key, int permits, TimeSpan window, RateLimiter fallback) =>
        new WindowLimiter(this, key, permits, window, fallback);

    private sealed class WindowLimiter(
        RedisWindows windows,
        string key,
        int permits,
        TimeSpan window,
        RateLimiter fallback
    ) : RateLimiter
    {
        public override TimeSpan? IdleDuration => fallback.IdleDuration;

        public override RateLimiterStatistics? GetStatistics() => fallback.GetStatistics();

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => Lease.NotYet;

        protected override async ValueTask<RateLimitLease> AcquireAsyncCore(
            int permitCount,
            CancellationToken cancellationToken
        )
        {
            if (await windows.TryTakeAsync(key, permits, window) is not { } taken)
            {
                return await fallback.AcquireAsync(permitCount, cancellationToken);
            }

            return taken.Granted ? Lease.Granted : new Lease(false, taken.Left);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                fallback.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Granted = new(true, null);

        public static readonly Lease NotYet = new(false, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
