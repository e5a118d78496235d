using ClarityPortal.Web.Features.Education.Content;

namespace ClarityPortal.Web.Features.Education;

/// <summary>
/// The education feature: reviewed module files synced into the database, the catalog, the reader and glossary.
/// </summary>
public static class EducationSetup
{
    /// <summary>
    /// <c>dotnet run --project src/ClarityPortal.Web -- sync-content</c>: sync and report, then exit.
    /// </summary>
    public const string SyncCommand = "sync-content";

    public const string CatalogPath = "/learn";

    public const string GlossaryPath = "/learn/glossary";

    public const string ReaderRoute = "/learn/{Slug}";

    public const string AdminPath = "/admin/modules";

    public const string ContentPathSetting = "Content:Path";

    public static IServiceCollection AddEducation(this IServiceCollection services)
    {
        services.AddSingleton<ContentLocation>();
        services.AddSingleton<ContentRenderer>();
        services.AddSingleton<ContentSync>();
        services.AddSingleton<LessonCache>();
        services.AddScoped<EducationService>();
        return services;
    }

    /// <summary>Syncs <c>content/</c> into the database at start; a broken file never stops the app.</summary>
    public static Task<IReadOnlyList<SyncResult>> SyncContentAsync(this IServiceProvider services) =>
        services.GetRequiredService<ContentSync>().SyncAsync();
}
