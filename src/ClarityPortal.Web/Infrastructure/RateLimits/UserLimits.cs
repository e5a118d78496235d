using System.Threading.RateLimiting;
using ClarityPortal.Web.Infrastructure.SharedState;

namespace ClarityPortal.Web.Infrastructure.RateLimits;

/// <summary>
/// Limits for calls that arrive through a circuit (reading reports, answers, questions), which the HTTP rate limiter
/// never sees. Fixed windows per limit and user, configured like the HTTP limits; counted in Redis when the instances
/// share it (a user's tabs may sit on different instances), else in this process.
/// </summary>
public sealed class UserLimits(IConfiguration configuration, RedisWindows? shared = null) : IDisposable
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
    public async ValueTask<bool> TryAcquireAsync(UserLimit limit, string userId)
    {
        if (shared is not null)
        {
            // The window's settings are read from configuration only here: without Redis the in-process limiter
            // has them from when its partition was made, and a reading report pays nothing for them.
            var window = RateLimitSetup.WindowOptions(RateLimitSetup.Configured(configuration, limit));
            if (await shared.TryTakeAsync($"{limit.Name}:{userId}", window.PermitLimit, window.Window) is { } taken)
            {
                return taken.Granted;
            }
        }

        using var lease = limiter.AttemptAcquire((limit, userId));
        return lease.IsAcquired;
    }

    public void Dispose() => limiter.Dispose();
}
