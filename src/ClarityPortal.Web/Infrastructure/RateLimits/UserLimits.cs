using System.Threading.RateLimiting;

namespace ClarityPortal.Web.Infrastructure.RateLimits;

/// <summary>
/// Limits for calls that arrive through a circuit (reading reports, answers, questions), which the HTTP rate limiter
/// never sees. Fixed windows per limit and user, configured like the HTTP limits.
/// </summary>
public sealed class UserLimits(IConfiguration configuration) : IDisposable
{
    private readonly PartitionedRateLimiter<(UserLimit Limit, string User)> limiter = PartitionedRateLimiter.Create<
        (UserLimit Limit, string User),
        (string, string)
    >(key =>
        RateLimitPartition.GetFixedWindowLimiter(
            (key.Limit.Name, key.User),
            _ => RateLimitSetup.WindowOptions(RateLimitSetup.Configured(configuration, key.Limit))
        )
    );

    /// <summary>True when the user may go on; false once they used up this window's permits.</summary>
    public bool TryAcquire(UserLimit limit, string userId)
    {
        using var lease = limiter.AttemptAcquire((limit, userId));
        return lease.IsAcquired;
    }

    public void Dispose() => limiter.Dispose();
}
