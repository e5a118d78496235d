using ClarityPortal.Data.Education;
using ClarityPortal.Web.Features.Education.Content;

namespace ClarityPortal.UnitTests.Education;

public class ModuleParserTests
{
    private const string Good = """
        ---
        slug: sample-module
        title: A sample module
        summary: A short summary.
        order: 3
        minutes: 5
        version: "1.1"
        change: minor
        references:
          - id: ref-one
            text: "Author A. A paper. *Journal*. 2020."
            url: https://example.org/paper
        ---

        ## First part

        Cells talk with [[glutamate]] across a [[gap|synapse]] [ref:ref-one].

        ::: mechanism-explorer
        :::

        ## Second part

        More text here.

        ::: check
        question: Which is right?
        options:
          - Not this one
          - This one
        answer: 2
        explain: Because it is.
        :::
        """;

    private static readonly IReadOnlySet<string> Terms = new HashSet<string> { "glutamate", "synapse" };

    [Fact]
    public void AGoodFileGivesFrontMatterSectionsAndChecks()
    {
        var module = ModuleParser.Parse("sample.md", Good, Terms);

        Assert.Equal("sample-module", module.Slug);
        Assert.Equal(3, module.Order);
        Assert.Equal(5, module.EstimatedMinutes);
        Assert.Equal("1.1", module.Version);
        Assert.Equal(ChangeKind.Minor, module.ChangeKind);
        Assert.Equal(["first-part", "second-part"], module.Sections.Select(s => s.Key));
        var check = Assert.Single(module.Sections[1].Checks);
        Assert.Equal(1, check.CorrectOption); // "answer: 2" is the second option
        Assert.Equal(["Not this one", "This one"], check.Options);
        Assert.Equal("https://example.org/paper", Assert.Single(module.References).Url);
        Assert.Equal(64, module.Hash.Length);
    }

    [Fact]
    public void TheHashChangesWithTheTextAndNotWithLineEndings()
    {
        var a = ModuleParser.Parse("sample.md", Good, Terms);
        var b = ModuleParser.Parse("sample.md", Good.Replace("\n", "\r\n", StringComparison.Ordinal), Terms);
        var c = ModuleParser.Parse(
            "sample.md",
            Good.Replace("More text here.", "More text, changed.", StringComparison.Ordinal),
            Terms
        );

        Assert.Equal(a.Hash, b.Hash);
        Assert.NotEqual(a.Hash, c.Hash);
    }

    [Theory]
    [InlineData("slug: sample-module", "slug: [broken", 2, "broken front matter")]
    [InlineData("slug: sample-module", "slug: Not A Slug", 2, "slug must be")]
    [InlineData("::: mechanism-explorer", "::: spinning-brain", 19, "unknown block 'spinning-brain'")]
    [InlineData("answer: 2", "answer: 3", 31, "answer 3 is out of range")]
    [InlineData("[[glutamate]]", "[[serotonin]]", 17, "glossary term 'serotonin'")]
    [InlineData("[ref:ref-one]", "[ref:missing]", 17, "citation 'missing'")]
    [InlineData("change: minor", "change: huge", 2, "change must be")]
    public void ABrokenFileIsRejectedNamingTheFileAndLine(string good, string bad, int line, string problem)
    {
        var ex = Assert.Throws<ContentException>(() =>
            ModuleParser.Parse("broken.md", Good.Replace(good, bad, StringComparison.Ordinal), Terms)
        );

        Assert.Equal("broken.md", ex.File);
        Assert.Equal(line, ex.Line);
        Assert.Contains(problem, ex.Problem);
        Assert.StartsWith($"broken.md:{line}:", ex.Message);
    }

    [Theory]
    [InlineData("change: material", "a material change needs a clinical review")]
    [InlineData("change: material\nreviewed_by: Dr. Reviewer", "a material change needs a clinical review")]
    [InlineData("change: material\nreviewed_on: 2026-11-01", "a material change needs a clinical review")]
    [InlineData("change: minor\nreviewed_on: 1st of May", "reviewed_on must be a date like 2026-11-29")]
    [InlineData(
        "change: material\nreviewed_by: Dr. Reviewer\nreviewed_on: 2026-11-01\nnext_review: 2026-10-01",
        "next_review must be after reviewed_on"
    )]
    public void AMaterialChangeWithoutAClinicalReviewIsRefused(string front, string problem)
    {
        var ex = Assert.Throws<ContentException>(() =>
            ModuleParser.Parse("review.md", Good.Replace("change: minor", front, StringComparison.Ordinal), Terms)
        );

        Assert.Equal(2, ex.Line);
        Assert.Contains(problem, ex.Problem);
    }

    [Fact]
    public void TheClinicalReviewIsReadFromTheFrontMatter()
    {
        var text = Good.Replace(
            "change: minor",
            "change: material\nreviewed_by: \"Dr. Reviewer, MD\"\nreviewed_on: 2026-11-01\nnext_review: 2027-05-01",
            StringComparison.Ordinal
        );

        var module = ModuleParser.Parse("review.md", text, Terms);
        var minor = ModuleParser.Parse("minor.md", Good, Terms); // a wording fix needs no new sign-off

        Assert.Equal(new ContentReview("Dr. Reviewer, MD", new(2026, 11, 1), new(2027, 5, 1)), module.Review);
        Assert.Equal(ContentReview.None, minor.Review);
    }

    [Fact]
    public void ChecksAndTheExplorerAreGradedWithTheSectionText()
    {
        var module = ModuleParser.Parse("sample.md", Good, Terms);

        // "Second part. More text here." is 5 words; the check adds its question, options and explanation (11).
        Assert.Equal(5 + 11, module.Sections[1].Readability.Words);
        var explorerWords = ClarityPortal.Web.Features.Education.Components.MechanismSteps.All.Sum(s =>
            Readability.Analyze($"{s.Title}. {s.Caption}").Words
        );
        Assert.Equal(
            Readability.Analyze("First part.\nCells talk with glutamate across a gap.").Words + explorerWords,
            module.Sections[0].Readability.Words
        );
    }

    [Fact]
    public void AnUnclosedBlockIsRejected()
    {
        var ex = Assert.Throws<ContentException>(() =>
            ModuleParser.Parse("broken.md", Good[..Good.LastIndexOf(":::", StringComparison.Ordinal)], Terms)
        );

        Assert.Contains("never closed", ex.Problem);
    }

    [Fact]
    public void TextBeforeTheFirstSectionIsRejected()
    {
        var ex = Assert.Throws<ContentException>(() =>
            ModuleParser.Parse(
                "broken.md",
                Good.Replace("## First part", "Stray intro.\n\n## First part", StringComparison.Ordinal),
                Terms
            )
        );

        Assert.Equal(15, ex.Line);
    }
}
