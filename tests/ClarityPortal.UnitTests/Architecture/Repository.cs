namespace ClarityPortal.UnitTests.Architecture;

/// <summary>The repository on disk, for checks over source text.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>Our C# and Razor files: not generated migrations, not build output.</summary>
    public static IEnumerable<string> SourceFiles() =>
        new[] { "src", "tests", "bench" }
            .Select(folder => Path.Combine(Root, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "Migrations"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ClarityPortal.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ClarityPortal.sln not found above the test binaries.");
    }
}
