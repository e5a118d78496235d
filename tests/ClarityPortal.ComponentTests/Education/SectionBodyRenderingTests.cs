using Bunit;
using ClarityPortal.Web.Features.Education;
using ClarityPortal.Web.Features.Education.Components;

namespace ClarityPortal.ComponentTests.Education;

/// <summary>The reader page renders again at each change of progress; a section's blocks only when theirs do.</summary>
public class SectionBodyRenderingTests : DbComponentTest
{
    [Fact]
    public void ASectionsBlocksRenderAgainOnlyWhenTheSectionOrAnEarlierAnswerChanges()
    {
        var check = Db.Seed(Services);
        var section = new SectionView(1, "s", "S", [new HtmlBlockView("<p>Before the check.</p>"), check]);
        int? earlier = null;
        var body = Render<SectionBody>(p => p.Add(b => b.Section, section).Add(b => b.EarlierAnswer, _ => earlier));
        var card = body.FindComponent<KnowledgeCheckCard>();
        var (bodyRenders, cardRenders) = (body.RenderCount, card.RenderCount);

        // The page again, with new delegates (a section read, a new place in the lesson): nothing here changed.
        body.Render(p => p.Add(b => b.EarlierAnswer, _ => earlier).Add(b => b.CheckAnswered, _ => { }));
        Assert.Equal((bodyRenders, cardRenders), (body.RenderCount, card.RenderCount));

        // Another tab answered the check: this one shows that answer with its feedback.
        earlier = 2;
        body.Render(p => p.Add(b => b.EarlierAnswer, id => id == check.CheckId ? earlier : null));
        body.WaitForAssertion(() =>
            Assert.Contains("Not quite. The answer is: Right", body.Find(".check__feedback").TextContent)
        );
        Assert.True(body.RenderCount > bodyRenders);

        // A new revision's section renders too.
        var renders = body.RenderCount;
        body.Render(p => p.Add(b => b.Section, section with { Blocks = [new HtmlBlockView("<p>Corrected.</p>")] }));
        Assert.Contains("Corrected.", body.Markup);
        Assert.True(body.RenderCount > renders);
    }
}
