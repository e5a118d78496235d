using Bunit;
using ClarityPortal.Data.Identity;
using ClarityPortal.Web.Features.Progress;

namespace ClarityPortal.ComponentTests.Progress;

public class AcknowledgementPanelTests : DbComponentTest
{
    [Fact]
    public void TheAcknowledgementSaysTheLessonsDoNotReplaceTheConsentConversation()
    {
        SignInAs("patient@clarity.test", PortalRoles.Patient);
        var state = new ReaderProgress(
            1,
            100,
            ModuleStatus.ReadyToAcknowledge,
            new HashSet<string> { "a" },
            new Dictionary<string, double> { ["a"] = 30 },
            "a",
            false,
            0,
            0,
            [],
            null,
            null
        );

        var panel = Render<AcknowledgementPanel>(p =>
            p.Add(x => x.Slug, "m").Add(x => x.State, state).Add(x => x.SectionCount, 1)
        );

        var consent = panel.Find("#ack-consent");
        Assert.Contains("do not replace the consent conversation with your clinician", consent.TextContent);
        Assert.Contains("Questions go to your care team", consent.TextContent);
        var button = panel.FindAll("button").Single(b => b.TextContent.Contains("read and understood"));
        Assert.Equal("ack-consent", button.GetAttribute("aria-describedby"));
    }
}
