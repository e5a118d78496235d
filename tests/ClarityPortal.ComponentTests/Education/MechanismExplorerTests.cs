using Bunit;
using ClarityPortal.Web.Features.Education.Components;
using Microsoft.AspNetCore.Components;

namespace ClarityPortal.ComponentTests.Education;

public class MechanismExplorerTests : PortalTestContext
{
    private static string Caption(IRenderedComponent<MechanismExplorer> c) =>
        c.Find("[aria-live='polite']").TextContent;

    [Fact]
    public void NextAndPreviousButtonsChangeTheCaptionInALiveRegion()
    {
        var explorer = Render<MechanismExplorer>();
        Assert.Contains("Step 1 of 7: A resting synapse", Caption(explorer));
        Assert.Equal("true", explorer.Find("[aria-live='polite']").GetAttribute("aria-atomic"));

        explorer.FindAll("button").Single(b => b.TextContent.Contains("Next")).Click();
        Assert.Contains("Step 2 of 7: Ketamine enters the gate", Caption(explorer));

        explorer.FindAll("button").Single(b => b.TextContent.Contains("Previous")).Click();
        Assert.Contains("Step 1 of 7", Caption(explorer));
    }

    [Fact]
    public void ArrowKeysStepThroughToTheEndAndStopThere()
    {
        var explorer = Render<MechanismExplorer>();
        var stage = explorer.Find(".explorer__stage");
        Assert.Equal("0", stage.GetAttribute("tabindex"));

        for (var i = 0; i < 10; i++)
        {
            explorer.Find(".explorer__stage").KeyDown(key: "ArrowRight");
        }

        Assert.Contains("Step 7 of 7: New spines grow", Caption(explorer));
        Assert.True(explorer.FindAll("button").Single(b => b.TextContent.Contains("Next")).HasAttribute("disabled"));
        explorer.Find(".explorer__stage").KeyDown(key: "ArrowLeft");
        Assert.Contains("Step 6 of 7", Caption(explorer));
    }

    [Fact]
    public void ItReportsEveryStepSeenSoProgressCanCountIt()
    {
        IReadOnlyCollection<int>? seen = null;
        var explorer = Render<MechanismExplorer>(p =>
            p.Add(e => e.StepsSeenChanged, EventCallback.Factory.Create<IReadOnlyCollection<int>>(this, s => seen = s))
        );

        for (var i = 0; i < 6; i++)
        {
            explorer.Find(".explorer__stage").KeyDown(key: "ArrowRight");
        }

        Assert.Equal([0, 1, 2, 3, 4, 5, 6], seen);
    }

    [Fact]
    public void WhenThePageMovesTheExplorerKeepsItsStepAndTheStepsSeen()
    {
        var explorer = Render<MechanismExplorer>(p => p.Add(e => e.Id, "intro-explorer"));
        explorer.FindAll("button").Single(b => b.TextContent.Contains("Next")).Click();
        explorer.FindAll("button").Single(b => b.TextContent.Contains("Next")).Click();

        PageState.TriggerOnPersisting();

        Assert.True(PageState.TryTake<int[]>("explorer:intro-explorer", out var kept));
        Assert.Equal([2, 0, 1, 2], kept!); // the step, then every step seen
    }

    [Fact]
    public void AMovedPageOpensTheExplorerAtTheStepItKept()
    {
        PageState.Persist("explorer:intro-explorer", new[] { 2, 0, 1, 2 });

        var explorer = Render<MechanismExplorer>(p => p.Add(e => e.Id, "intro-explorer"));

        Assert.Contains("Step 3 of 7", Caption(explorer));
        Assert.Equal(3, explorer.FindAll(".dot--seen, .dot--on").Count);
    }

    [Fact]
    public void AMovedPageReportsTheStepsSeenAgain()
    {
        PageState.Persist("explorer:intro-explorer", new[] { 2, 0, 1, 2 });
        IReadOnlyCollection<int>? reported = null;

        Render<MechanismExplorer>(p =>
            p.Add(e => e.Id, "intro-explorer")
                .Add(
                    e => e.StepsSeenChanged,
                    EventCallback.Factory.Create<IReadOnlyCollection<int>>(this, s => reported = s)
                )
        );

        Assert.Equal([0, 1, 2], reported!);
    }

    [Fact]
    public void AKeptStepOutsideTheExplorerIsClampedAndUnknownStepsAreIgnored()
    {
        PageState.Persist("explorer:intro-explorer", new[] { 99, -5, 40 });

        var explorer = Render<MechanismExplorer>(p => p.Add(e => e.Id, "intro-explorer"));

        Assert.Contains("Step 7 of 7", Caption(explorer));
        Assert.Equal(2, explorer.FindAll(".dot--seen, .dot--on").Count); // the first step and the last
    }

    [Fact]
    public void EveryStepIsAlsoAvailableAsText()
    {
        var explorer = Render<MechanismExplorer>();

        var items = explorer.FindAll("details ol li");

        Assert.Equal(MechanismExplorer.Steps.Count, items.Count);
        Assert.True(MechanismExplorer.Steps.Count >= 6);
        Assert.Contains("magnesium", items[0].TextContent);
        Assert.Contains("mTORC1", items[5].TextContent);
        Assert.Equal("img", explorer.Find("svg").GetAttribute("role"));
    }
}
