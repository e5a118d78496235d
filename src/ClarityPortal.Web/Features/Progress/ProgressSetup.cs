namespace ClarityPortal.Web.Features.Progress;

/// <summary>
/// The progress feature: what counts as read, the reader's tracking and acknowledgement, and <c>/my</c>.
/// </summary>
public static class ProgressSetup
{
    public const string MyLearningPath = "/my";

    public static IServiceCollection AddProgress(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ReadingOptions>(configuration.GetSection(ReadingOptions.Section));
        services.AddSingleton<RevisionShapes>();
        services.AddScoped<ProgressService>();
        return services;
    }
}
