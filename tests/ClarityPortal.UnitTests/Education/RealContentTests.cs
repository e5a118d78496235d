using ClarityPortal.Web.Features.Education.Content;
using Xunit.Abstractions;

namespace ClarityPortal.UnitTests.Education;

/// <summary>The modules we ship meet the bar we set for clinical content.</summary>
public class RealContentTests(ITestOutputHelper output)
{
    private static readonly string ContentRoot = FindContent();

    private static string FindContent()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "content", "modules")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(
            dir?.FullName ?? throw new DirectoryNotFoundException("content/modules not found above the test folder."),
            "content"
        );
    }

    private static Glossary LoadGlossary() =>
        Glossary.Parse("glossary.yml", File.ReadAllText(Path.Combine(ContentRoot, "glossary.yml")));

    public static TheoryData<string> Files() =>
        [
            .. Directory
                .GetFiles(Path.Combine(FindContent(), "modules"), "*.md")
                .Select(Path.GetFileName)
                .OfType<string>(),
        ];

    [Theory]
    [MemberData(nameof(Files))]
    public void EachModuleIsPlainCitedAndChecked(string file)
    {
        var module = ModuleParser.Parse(
            file,
            File.ReadAllText(Path.Combine(ContentRoot, "modules", file)),
            LoadGlossary().Keys
        );

        foreach (var s in module.Sections)
        {
            output.WriteLine($"{s.Readability.Grade, 5:0.0}  {s.Readability.Words, 4} words  {s.Title}");
        }

        output.WriteLine($"{module.ReadingGrade, 5:0.0}  {module.WordCount, 4} words  MODULE {module.Slug}");
        Assert.InRange(module.Sections.Count, 4, 8);
        Assert.True(module.Sections.Sum(s => s.Checks.Count) >= 2, "at least two knowledge checks");
        Assert.All(
            module.Sections.SelectMany(s => s.Checks),
            c => Assert.False(string.IsNullOrWhiteSpace(c.Explanation))
        );
        Assert.NotEmpty(module.References);
        Assert.All(
            module.References,
            r => Assert.Contains($"[ref:{r.Id}]", string.Concat(module.Sections.Select(s => s.Body)))
        );
        Assert.InRange(module.ReadingGrade, 0, 8.0);
        Assert.InRange(module.EstimatedMinutes, 1, 30);
        Assert.Contains("not medical advice", module.Sections[^1].Body);
    }

    [Fact]
    public void TheGlossaryCoversTheTermsTheModulesTeach()
    {
        var glossary = LoadGlossary();

        foreach (
            var key in new[]
            {
                "nmda",
                "ampa",
                "glutamate",
                "gaba",
                "bdnf",
                "mtor",
                "synapse",
                "plasticity",
                "dissociation",
            }
        )
        {
            Assert.NotNull(glossary.Find(key));
        }
    }
}
