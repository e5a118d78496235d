using Bunit;
using ClarityPortal.Web.Features.Education;
using ClarityPortal.Web.Features.Education.Components;
using ClarityPortal.Web.Features.Education.Content;

namespace ClarityPortal.ComponentTests.Education;

public class SectionBodyTests : PortalTestContext
{
    [Fact]
    public void AGlossaryTermIsAKeyboardReachableButtonWithItsDefinitionAsATooltip()
    {
        var glossary = new Glossary([new GlossaryEntry("nmda", "NMDA receptor", "A gate for glutamate.")]);
        var html = new ContentRenderer().Render(
            "Ketamine blocks the [[NMDA receptor|nmda]].",
            glossary,
            [],
            new HashSet<string>(),
            "s"
        );
        var section = new SectionView(1, "s", "S", [new HtmlBlockView(html)]);

        var body = Render<SectionBody>(p => p.Add(b => b.Section, section));

        var button = body.Find("button.term__button");
        Assert.Equal("NMDA receptor", button.TextContent);
        var tip = body.Find("#" + button.GetAttribute("aria-describedby"));
        Assert.Equal("tooltip", tip.GetAttribute("role"));
        Assert.Contains("A gate for glutamate.", tip.TextContent);
    }

    [Fact]
    public void ComponentBlocksBecomeTheirComponents()
    {
        var section = new SectionView(
            1,
            "s",
            "S",
            [new ComponentBlockView("mechanism-explorer"), new ComponentBlockView("onset-timeline")]
        );

        var body = Render<SectionBody>(p => p.Add(b => b.Section, section));

        Assert.Single(body.FindComponents<MechanismExplorer>());
        Assert.Single(body.FindComponents<OnsetTimeline>());
        Assert.Contains("Berman", body.Find(".timeline__table").TextContent);
    }
}
