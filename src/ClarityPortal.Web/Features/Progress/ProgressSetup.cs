using ClarityPortal.Data;
using ClarityPortal.Web.Infrastructure.RateLimits;
using Microsoft.EntityFrameworkCore;

namespace ClarityPortal.Web.Features.Progress;

/// <summary>
/// The progress feature: what counts as read, the reader's tracking and acknowledgement, and <c>/my</c>.
/// </summary>
public static class ProgressSetup
{
    public const string MyLearningPath = "/my";

    /// <summary>
    /// Reading reports, explorer steps, answers and acknowledgements one patient may send: a report every 5 s and
    /// a few clicks fit many times over.
    /// </summary>
    public static readonly UserLimit Writes = new("ProgressPerUser", 120, TimeSpan.FromMinutes(1));

    public static IServiceCollection AddProgress(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ReadingOptions>(configuration.GetSection(ReadingOptions.Section));
        services.AddSingleton<RevisionShapes>();
        services.AddScoped<ProgressService>();
        return services;
    }

    /// <summary>Recounts every progress summary (<see cref="ProgressSummaries.RebuildAsync"/>).</summary>
    public static async Task RebuildProgressSummariesAsync(this IServiceProvider services)
    {
        await using var db = await services
            .GetRequiredService<IDbContextFactory<ClarityDbContext>>()
            .CreateDbContextAsync();
        await ProgressSummaries.RebuildAsync(db);
    }
}
