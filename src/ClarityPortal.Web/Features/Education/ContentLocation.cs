namespace ClarityPortal.Web.Features.Education;

/// <summary>
/// Where the reviewed content lives: <c>Content:Path</c>, else the repository's or the app's <c>content</c> folder.
/// </summary>
public sealed class ContentLocation(IConfiguration configuration, IWebHostEnvironment environment)
{
    public string Root { get; } =
        configuration[EducationSetup.ContentPathSetting] is { Length: > 0 } configured
            ? Path.GetFullPath(configured, environment.ContentRootPath)
            : new[]
            {
                Path.GetFullPath(Path.Combine(environment.ContentRootPath, "..", "..", "content")),
                Path.Combine(AppContext.BaseDirectory, "content"),
            }.FirstOrDefault(Directory.Exists)
                ?? Path.Combine(AppContext.BaseDirectory, "content");

    public string Modules => Path.Combine(Root, "modules");

    public string GlossaryFile => Path.Combine(Root, "glossary.yml");
}
