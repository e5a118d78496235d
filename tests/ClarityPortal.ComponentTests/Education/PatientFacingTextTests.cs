using Bunit;
using ClarityPortal.Web.Features.Education.Components;
using ClarityPortal.Web.Features.Education.Content;

namespace ClarityPortal.ComponentTests.Education;

/// <summary>The explorer and the onset timeline are graded like module text: grade 8 or lower, cited claims.</summary>
public class PatientFacingTextTests : PortalTestContext
{
    [Fact]
    public void TheOnsetTimelineReadsAtGradeEightOrLower()
    {
        var timeline = Render<OnsetTimeline>();

        // The prose a reader reads: the caption, each row's text and the notes (not the bibliographic sources).
        var prose = new[] { timeline.Find("figcaption").TextContent }
            .Concat(
                timeline
                    .FindAll(".timeline__table tbody th, .timeline__table tbody td:nth-child(2)")
                    .Select(e => e.TextContent)
            )
            .Concat(timeline.FindAll(".timeline__note").Select(e => e.TextContent));
        var grade = Readability.Grade(ModuleParser.PlainText(string.Join('\n', prose)));

        Assert.InRange(grade, 0, 8.0);
    }

    [Fact]
    public void EachExplorerStepReadsAtGradeEightOrLowerAndLaterStepsAreFramedAsTheHypothesis()
    {
        foreach (var step in MechanismSteps.All)
        {
            Assert.InRange(Readability.Grade($"{step.Title}. {step.Caption}"), 0, 8.0);
        }

        // After the leading-idea step, every step speaks of "this idea"; the last names rats and animals.
        var leading = MechanismSteps.All.ToList().FindIndex(s => s.Caption.Contains("leading idea"));
        Assert.True(leading > 0);
        Assert.All(MechanismSteps.All.Skip(leading + 1), s => Assert.StartsWith("In this idea", s.Caption));
        Assert.Contains("rats", MechanismSteps.All[^1].Caption);
        Assert.DoesNotContain("Within hours, the receiving cell", MechanismSteps.All[^1].Caption);
    }
}
