using Microsoft.AspNetCore.OutputCaching;
using StackExchange.Redis;

namespace ClarityPortal.Web.Infrastructure.SharedState;

/// <summary>
/// The Redis output cache, made to fail soft: when Redis does not answer, a lookup is a miss, a page is not stored
/// and an eviction is skipped (the entries expire within <see cref="PublicPages.CacheLifetime"/>). A cache outage
/// slows visitors' pages down; it never takes them away.
/// </summary>
internal sealed class ResilientOutputCacheStore(IOutputCacheStore inner, ILogger<ResilientOutputCacheStore> logger)
    : IOutputCacheStore
{
    public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        try
        {
            await inner.EvictByTagAsync(tag, cancellationToken);
        }
        catch (Exception ex) when (SharedStateSetup.IsOutage(ex))
        {
            logger.LogWarning(ex, "Redis did not answer: cached pages tagged {Tag} expire on their own.", tag);
        }
    }

    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await inner.GetAsync(key, cancellationToken);
        }
        catch (Exception ex) when (SharedStateSetup.IsOutage(ex))
        {
            logger.LogWarning(ex, "Redis did not answer: the page is rendered instead of read from the cache.");
            return null;
        }
    }

    public async ValueTask SetAsync(
        string key,
        byte[] value,
        string[]? tags,
        TimeSpan validFor,
        CancellationToken cancellationToken
    )
    {
        try
        {
            await inner.SetAsync(key, value, tags, validFor, cancellationToken);
        }
        catch (Exception ex) when (SharedStateSetup.IsOutage(ex))
        {
            logger.LogWarning(ex, "Redis did not answer: the page was not cached.");
        }
    }
}
