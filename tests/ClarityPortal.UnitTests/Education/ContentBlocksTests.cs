using ClarityPortal.Web.Features.Education.Content;

namespace ClarityPortal.UnitTests.Education;

public class ContentBlocksTests
{
    private static ContentException Rejected(string body) =>
        Assert.Throws<ContentException>(() => ContentBlocks.Split("m.md", body, 10));

    [Fact]
    public void TextBlocksAndChecksComeInOrderEachCheckNumbered()
    {
        var blocks = ContentBlocks.Split(
            "m.md",
            "Intro.\n\n::: check\nquestion: One?\n:::\n\n::: mechanism-explorer\n:::\n\n::: check\nquestion: Two?\n:::",
            10
        );

        Assert.Equal(
            [
                new MarkdownBlock(10, "Intro."),
                new CheckBlock(12, "question: One?", 0),
                new ComponentBlock(16, ContentBlocks.MechanismExplorer),
                new CheckBlock(19, "question: Two?", 1),
            ],
            blocks
        );
    }

    [Fact]
    public void BlankLinesBetweenBlocksMakeNoEmptyTextBlock() =>
        Assert.Equal(
            [
                new ComponentBlock(10, ContentBlocks.MechanismExplorer),
                new ComponentBlock(13, ContentBlocks.OnsetTimeline),
            ],
            ContentBlocks.Split("m.md", "::: mechanism-explorer\n:::\n  \n::: onset-timeline\n:::", 10)
        );

    [Fact]
    public void ATextBlockStartsAtItsFirstLineOfText()
    {
        var blocks = ContentBlocks.Split("m.md", "::: onset-timeline\n:::\n\n\nFirst.\n\nSecond.", 10);

        Assert.Equal(new MarkdownBlock(14, "First.\n\nSecond."), blocks[1]);
    }

    [Fact]
    public void AClosingFenceWithoutAnOpeningOneIsRejected()
    {
        var ex = Rejected("Text.\n:::");

        Assert.Equal(11, ex.Line);
        Assert.Equal("a ':::' line outside a block; open a block with '::: name'.", ex.Problem);
    }

    [Fact]
    public void AComponentBlockTakesNoContent()
    {
        var ex = Rejected("::: mechanism-explorer\nSome text.\n:::");

        Assert.Equal(11, ex.Line);
        Assert.Equal("the 'mechanism-explorer' block takes no content.", ex.Problem);
    }

    [Fact]
    public void AComponentBlockMayHoldBlankLines() =>
        Assert.Equal(
            [new ComponentBlock(10, ContentBlocks.OnsetTimeline)],
            ContentBlocks.Split("m.md", "::: onset-timeline\n\n  \n:::", 10)
        );

    [Fact]
    public void AnUnknownBlockNamesTheKnownOnes()
    {
        var ex = Rejected("::: spinning-brain\n:::");

        Assert.Equal(10, ex.Line);
        Assert.Equal(
            "unknown block 'spinning-brain'. Known blocks: check, mechanism-explorer, onset-timeline.",
            ex.Problem
        );
    }
}
