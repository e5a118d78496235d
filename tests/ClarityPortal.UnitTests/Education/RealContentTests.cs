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

    [Theory]
    [MemberData(nameof(Files))]
    public void EachModuleEndsWithKeyPointsAndHasAClinicalReview(string file)
    {
        var module = Parse(file);

        var keyPoints = module.Sections[^1];
        Assert.Equal("Key points", keyPoints.Title);
        var bullets = keyPoints.Body.Split('\n').Count(l => l.StartsWith("- ", StringComparison.Ordinal));
        Assert.InRange(bullets, 3, 5);
        Assert.False(string.IsNullOrWhiteSpace(module.Review.ReviewedBy));
        Assert.NotNull(module.Review.ReviewedOn);
        Assert.True(module.Review.NextReview > module.Review.ReviewedOn, "next_review after reviewed_on");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void EachReferencePointsAtTheDocumentItselfNotASiteHomePage(string file)
    {
        foreach (var reference in Parse(file).References)
        {
            Assert.True(
                Uri.TryCreate(reference.Url, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps,
                $"{reference.Id}: needs an https address of the document itself"
            );
            Assert.True(url.AbsolutePath.Trim('/').Length > 0, $"{reference.Id}: {url} is a site's home page");
        }
    }

    [Fact]
    public void TheSafetyLessonCoversWhoShouldNotTakeKetamineMedicinesAndWarningSigns()
    {
        var module = Parse("05-safety.md");
        var text = string.Concat(module.Sections.Select(s => s.Title + "\n" + s.Body));

        Assert.Equal("safety", module.Slug);
        Assert.InRange(module.Sections.Count, 5, 8);
        foreach (
            var fact in new[]
            {
                "aneurysm",
                "arteriovenous malformation",
                "bleeding in the brain",
                "blood pressure",
                "psychosis",
                "bipolar",
                "pregnan",
                "breastfeed",
                "Schedule III",
                "bladder",
                "benzodiazepine",
                "opioid",
                "alcohol",
                "MAOI",
                "lamotrigine",
                "ride home",
                "chest pain",
                "911",
                "988",
            }
        )
        {
            Assert.Contains(fact, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void TheGlossarySaysEsketamineIsTheSFormOfAFiftyFiftyMix()
    {
        var esketamine = LoadGlossary().Find("esketamine")!.Definition;

        Assert.DoesNotContain("half of the ketamine molecule", esketamine, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("50:50", esketamine, StringComparison.Ordinal);
        Assert.Contains("S form", esketamine, StringComparison.Ordinal);
    }

    [Fact]
    public void DissociationIsDescribedWithOneDurationEverywhere()
    {
        var all =
            string.Concat(Directory.GetFiles(Path.Combine(ContentRoot, "modules"), "*.md").Select(File.ReadAllText))
            + File.ReadAllText(Path.Combine(ContentRoot, "glossary.yml"));

        Assert.Contains("usually fades within about an hour or two", all, StringComparison.Ordinal);
        Assert.DoesNotContain("within a few hours", all, StringComparison.Ordinal);
        Assert.DoesNotContain("new synapses within hours", all, StringComparison.OrdinalIgnoreCase);
    }

    private static ParsedModule Parse(string file) =>
        ModuleParser.Parse(file, File.ReadAllText(Path.Combine(ContentRoot, "modules", file)), LoadGlossary().Keys);

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
