using ClarityPortal.Web.Features.Education.Content;

namespace ClarityPortal.Web.Features.Education;

public static class EducationSetup
{
    public const string SyncCommand = "sync-content";

    public static WebApplicationBuilder AddEducation(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ContentLocation>();
        builder.Services.AddSingleton<ContentRenderer>();
        builder.Services.AddSingleton<ContentSync>();
        builder.Services.AddScoped<EducationService>();
        return builder;
    }

    /// <summary>Syncs <c>content/</c> into the database at start; a broken file never stops the app.</summary>
    public static Task<IReadOnlyList<SyncResult>> SyncContentAsync(this WebApplication app) =>
        app.Services.GetRequiredService<ContentSync>().SyncAsync();
}
