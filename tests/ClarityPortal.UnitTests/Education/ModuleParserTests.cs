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
        Assert.Equal("text before the first '## ' heading; every part of a module belongs to a section.", ex.Problem);
    }

    private static ContentException Rejected(string text) =>
        Assert.Throws<ContentException>(() => ModuleParser.Parse("broken.md", text, Terms));

    private static string With(string good, string bad) => Good.Replace(good, bad, StringComparison.Ordinal);

    [Theory]
    [InlineData("# A sample module\n\n## First part\n\nText.", 1, "the file must start with front matter")]
    [InlineData("---\nslug: sample-module\n\n## First part\n\nText.", 1, "the front matter is never closed")]
    [InlineData("---\n---\n\n## First part\n\nText.", 2, "the front matter is empty.")]
    public void AFileWithoutWholeFrontMatterIsRejected(string text, int line, string problem)
    {
        var ex = Rejected(text);

        Assert.Equal(line, ex.Line);
        Assert.StartsWith(problem, ex.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("title: A sample module", "title: ' '", "'title' is required.")]
    [InlineData("summary: A short summary.", "summary:", "'summary' is required.")]
    [InlineData("version: \"1.1\"", "version: ''", "'version' is required.")]
    [InlineData("id: ref-one", "id: ''", "'references[0].id' is required.")]
    [InlineData("text: \"Author A. A paper. *Journal*. 2020.\"", "text:", "'references[0].text' is required.")]
    [InlineData(
        "    url: https://example.org/paper",
        "    url: https://example.org/paper\n  - id: ref-one\n    text: Another paper.",
        "reference id 'ref-one' is used twice."
    )]
    [InlineData("minutes: 5", "minutes: 0", "minutes must be between 1 and 240.")]
    [InlineData("minutes: 5", "minutes: 241", "minutes must be between 1 and 240.")]
    [InlineData("change: minor", "change: minor\nnext_review: soon", "next_review must be a date like 2026-11-29")]
    [InlineData("change: minor", "change: ''", "a material change needs a clinical review")] // blank is material
    public void AMissingOrOutOfRangeFrontMatterFieldIsNamed(string good, string bad, string problem)
    {
        var ex = Rejected(With(good, bad));

        Assert.Equal(2, ex.Line);
        Assert.StartsWith(problem, ex.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(240)]
    public void AModuleTakesOneTo240Minutes(int minutes) =>
        Assert.Equal(
            minutes,
            ModuleParser.Parse("m.md", With("minutes: 5", $"minutes: {minutes}"), Terms).EstimatedMinutes
        );

    [Fact]
    public void AValueOfTheWrongTypeIsReportedWithWhatWasWrong()
    {
        var ex = Rejected(With("order: 3", "order: third"));

        Assert.Equal(5, ex.Line);
        Assert.StartsWith("broken front matter: ", ex.Problem, StringComparison.Ordinal);
        Assert.Contains("third", ex.Problem, StringComparison.Ordinal); // the inner message, not "Exception during…"
    }

    [Fact]
    public void AReviewerNameMayHold200Characters()
    {
        var front = "change: minor\nreviewed_by: ";

        Assert.Equal(
            new string('r', 200),
            ModuleParser.Parse("m.md", With("change: minor", front + new string('r', 200)), Terms).Review.ReviewedBy
        );
        Assert.StartsWith(
            "reviewed_by is longer than 200 characters.",
            Rejected(With("change: minor", front + new string('r', 201))).Problem,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void TheNextReviewCannotBeTheReviewDayItself()
    {
        var ex = Rejected(With("change: minor", "change: minor\nreviewed_on: 2026-11-01\nnext_review: 2026-11-01"));

        Assert.Equal("next_review must be after reviewed_on.", ex.Problem);
    }

    [Fact]
    public void AModuleWithoutSectionsIsRejected()
    {
        var ex = Rejected(Good[..Good.IndexOf("## First part", StringComparison.Ordinal)]);

        Assert.Equal(14, ex.Line);
        Assert.Equal("the module has no '## ' sections.", ex.Problem);
    }

    [Fact]
    public void TwoSectionsWithTheSameTitleAreRejected()
    {
        var ex = Rejected(With("## Second part", "## First part"));

        Assert.Equal(22, ex.Line);
        Assert.Equal("two sections are called 'First part'.", ex.Problem);
    }

    [Fact]
    public void BlockLinesCountEveryBlankLineAfterTheHeading()
    {
        var twoBlankLines = Rejected(
            With("## First part\n", "## First part\n\n").Replace("mechanism-explorer", "spinning-brain")
        );
        var noBlankLine = Rejected(With("## Second part\n\n", "## Second part\n::: spinning-brain\n:::\n"));

        Assert.Equal(20, twoBlankLines.Line);
        Assert.Equal(23, noBlankLine.Line);
    }

    [Fact]
    public void ALastSectionMayEndTheFileWithBlankLines()
    {
        var module = ModuleParser.Parse("m.md", Good + "\n## Third part\n\nLast words.\n\n\n", Terms);

        Assert.Equal(["first-part", "second-part", "third-part"], module.Sections.Select(s => s.Key));
        Assert.Equal("Last words.", module.Sections[2].Body);
    }

    [Fact]
    public void AnEmptyLastSectionEndsTheFileWithoutBreakingTheParser()
    {
        var module = ModuleParser.Parse("m.md", Good + "\n## Third part\n\n\n", Terms);

        Assert.Equal("", module.Sections[2].Body);
    }

    [Fact]
    public void ACitationInALaterParagraphOfABlockIsReportedAtItsLine()
    {
        var ex = Rejected(With("More text here.", "More text here.\n\nAnd [ref:missing]."));

        Assert.Equal(26, ex.Line);
    }

    [Fact]
    public void ACitationOrTermOnALaterLineOfAParagraphIsReportedAtThatLine()
    {
        const string Paragraph = "Cells talk with [[glutamate]] across a [[gap|synapse]] [ref:ref-one].";

        Assert.Equal(18, Rejected(With(Paragraph, "Cells talk.\nAcross a gap [ref:missing].")).Line);
        Assert.Equal(18, Rejected(With(Paragraph, "Cells talk.\nWith [[serotonin]].")).Line);
    }

    [Fact]
    public void TextAfterABlockIsReportedAtItsOwnLine()
    {
        var ex = Rejected(With("::: mechanism-explorer\n:::\n", "::: mechanism-explorer\n:::\n\nSee [ref:missing].\n"));

        Assert.Equal(22, ex.Line);
    }

    [Theory]
    [InlineData("answer: 2", "answer: two", 31, "broken check: ")]
    [InlineData(
        "question: Which is right?\noptions:\n  - Not this one\n  - This one\nanswer: 2\nexplain: Because it is.\n",
        "",
        26,
        "the check is empty."
    )]
    [InlineData("question: Which is right?", "question: ''", 26, "'question' is required.")]
    [InlineData("explain: Because it is.", "explain: ''", 26, "'explain' is required.")]
    [InlineData("options:\n  - Not this one\n  - This one\n", "", 26, "a check needs 2 to 6 options.")]
    [InlineData("  - This one\n", "", 26, "a check needs 2 to 6 options.")]
    [InlineData("  - This one\n", "  - This one\n  - 3\n  - 4\n  - 5\n  - 6\n  - 7\n", 26, "a check needs 2 to 6")]
    public void ABrokenCheckIsRejectedAtItsLine(string good, string bad, int line, string problem)
    {
        var ex = Rejected(With(good, bad));

        Assert.Equal(line, ex.Line);
        Assert.StartsWith(problem, ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ABrokenCheckValueIsReportedWithWhatWasWrong() =>
        Assert.Contains("two", Rejected(With("answer: 2", "answer: two")).Problem, StringComparison.Ordinal);

    [Fact]
    public void ACheckMayHaveSixOptions()
    {
        var module = ModuleParser.Parse(
            "m.md",
            With("  - This one\n", "  - This one\n  - 3\n  - 4\n  - 5\n  - 6\n"),
            Terms
        );

        Assert.Equal(6, module.Sections[1].Checks[0].Options.Count);
    }

    [Fact]
    public void PlainTextEndsEveryLineAsASentence() =>
        Assert.Equal(
            "One.\nTwo?\nThree!\nFour:\nFive.",
            ModuleParser.PlainText("- One\n- Two?\n\nThree!\n\nFour:\n\n**Five**")
        );

    [Fact]
    public void ALongSectionTitleGivesAKeyOfAtMostEightyCharactersCutAtAWord() =>
        Assert.Equal(
            string.Join("-", Enumerable.Repeat("abcdefghi", 8)),
            ModuleParser.SectionKey(string.Join(" ", Enumerable.Repeat("Abcdefghi", 10)))
        );
}
