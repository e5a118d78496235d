using Bunit;
using ClarityPortal.Web.Features.Education;
using ClarityPortal.Web.Features.Education.Components;
using Microsoft.Extensions.DependencyInjection;

namespace ClarityPortal.ComponentTests.Education;

public class KnowledgeCheckCardTests : DbComponentTest
{
    private IRenderedComponent<KnowledgeCheckCard> RenderCheck(CheckBlockView check) =>
        Render<KnowledgeCheckCard>(p => p.Add(c => c.Check, check));

    private static void Choose(IRenderedComponent<KnowledgeCheckCard> card, string option) =>
        card.FindAll("label").Single(l => l.TextContent.Trim() == option).QuerySelector("input")!.Click();

    [Fact]
    public void ARightAnswerIsConfirmedWithTheExplanation()
    {
        var card = RenderCheck(Db.Seed(Services));

        Choose(card, "Right");
        card.FindAll("button").Single(b => b.TextContent.Contains("Check my answer")).Click();

        card.WaitForAssertion(() => Assert.Contains("That's right.", card.Find(".check__feedback").TextContent));
        Assert.Contains("Because the second one is right.", card.Markup);
    }

    [Fact]
    public void AReturningPatientSeesTheirEarlierAnswerWithItsFeedbackAndNothingIsRecordedAgain()
    {
        var check = Db.Seed(Services);
        var recorded = 0;

        var card = Render<KnowledgeCheckCard>(p =>
            p.Add(c => c.Check, check).Add(c => c.EarlierOption, 2).Add(c => c.Answered, _ => recorded++)
        );

        card.WaitForAssertion(() =>
            Assert.Contains("Not quite. The answer is: Right", card.Find(".check__feedback").TextContent)
        );
        Assert.True(card.FindAll("input[type=radio]")[2].HasAttribute("checked"));
        Assert.Equal(0, recorded);
    }

    [Fact]
    public void WhenThePageMovesTheChosenAnswerIsKeptAsNotYetChecked()
    {
        var check = Db.Seed(Services);
        var card = RenderCheck(check);

        Choose(card, "Also wrong");
        PageState.TriggerOnPersisting();

        Assert.True(PageState.TryTake<int[]>($"check:{check.CheckId}", out var kept));
        Assert.Equal([2, 0], kept!);
    }

    [Fact]
    public void AMovedPageShowsACheckedAnswerAgainWithoutRecordingItAgain()
    {
        var check = Db.Seed(Services);
        PageState.Persist($"check:{check.CheckId}", new[] { 2, 1 });
        var recorded = 0;

        var card = Render<KnowledgeCheckCard>(p => p.Add(c => c.Check, check).Add(c => c.Answered, _ => recorded++));

        card.WaitForAssertion(() =>
            Assert.Contains("Not quite. The answer is: Right", card.Find(".check__feedback").TextContent)
        );
        Assert.True(card.FindAll("input[type=radio]")[2].HasAttribute("checked"));
        Assert.Equal(0, recorded);
    }

    [Fact]
    public void AMovedPageKeepsAnUncheckedChoiceBesideTheEarlierAnswersFeedback()
    {
        var check = Db.Seed(Services);
        PageState.Persist($"check:{check.CheckId}", new[] { 1, 0 }); // "Right" chosen, not checked yet

        var card = Render<KnowledgeCheckCard>(p => p.Add(c => c.Check, check).Add(c => c.EarlierOption, 2));

        card.WaitForAssertion(() =>
            Assert.Contains("Not quite. The answer is: Right", card.Find(".check__feedback").TextContent)
        );
        Assert.True(card.FindAll("input[type=radio]")[1].HasAttribute("checked"));
    }

    [Fact]
    public void AKeptAnswerThatIsNotAnOptionIsIgnored()
    {
        var check = Db.Seed(Services);
        PageState.Persist($"check:{check.CheckId}", new[] { 17, 1 });

        var card = RenderCheck(check);

        Assert.DoesNotContain(card.FindAll("input[type=radio]"), r => r.HasAttribute("checked"));
        Assert.Empty(card.FindAll(".check__feedback"));
    }

    [Fact]
    public void AWrongAnswerShowsTheRightOneAndTheExplanation()
    {
        var card = RenderCheck(Db.Seed(Services));

        Choose(card, "Also wrong");
        card.FindAll("button").Single(b => b.TextContent.Contains("Check my answer")).Click();

        card.WaitForAssertion(() =>
            Assert.Contains("Not quite. The answer is: Right", card.Find(".check__feedback").TextContent)
        );
    }

    [Fact]
    public void AnOptionTheServerDoesNotKnowIsRejectedNotJudged()
    {
        // A forged view with an extra option, as a tampered circuit could send: the server has only three options.
        var real = Db.Seed(Services);
        var card = RenderCheck(real with { Options = [.. real.Options, "Forged fourth option"] });

        Choose(card, "Forged fourth option");
        card.FindAll("button").Single(b => b.TextContent.Contains("Check my answer")).Click();

        card.WaitForAssertion(() => Assert.Contains("That answer isn't one of the options.", card.Markup));
        Assert.Empty(card.FindAll(".check__feedback"));
    }

    [Fact]
    public void SubmittingWithoutAChoiceAsksForOne()
    {
        var card = RenderCheck(Db.Seed(Services));

        card.FindAll("button").Single(b => b.TextContent.Contains("Check my answer")).Click();

        Assert.Contains("Choose an answer first.", card.Markup);
    }
}
