using ClarityPortal.Web.Features.Patients.Matrix;
using ClarityPortal.Web.Features.Progress;

namespace ClarityPortal.UnitTests.Patients;

public class MatrixRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 28);

    [Fact]
    public void AnAssignedModuleNotCompletedAfterItsDueDayIsOverdue()
    {
        Assert.Equal(CellStatus.Overdue, MatrixRules.Cell(true, Today.AddDays(-1), Today, ModuleStatus.NotStarted));
        Assert.Equal(CellStatus.Overdue, MatrixRules.Cell(true, Today.AddDays(-1), Today, ModuleStatus.InProgress));
        Assert.Equal(
            CellStatus.Overdue,
            MatrixRules.Cell(true, Today.AddDays(-1), Today, ModuleStatus.ReadyToAcknowledge)
        );
    }

    [Fact]
    public void TheDueDayItselfIsNotOverdue() =>
        Assert.Equal(CellStatus.NotStarted, MatrixRules.Cell(true, Today, Today, ModuleStatus.NotStarted));

    [Fact]
    public void CompleteWinsOverAPassedDueDay() =>
        Assert.Equal(CellStatus.Complete, MatrixRules.Cell(true, Today.AddDays(-10), Today, ModuleStatus.Complete));

    [Fact]
    public void AMaterialRevisionAfterCompletionNeedsReacknowledgementWhateverTheDate()
    {
        Assert.Equal(
            CellStatus.NeedsReacknowledgement,
            MatrixRules.Cell(true, Today.AddDays(-3), Today, ModuleStatus.NeedsReacknowledgement)
        );
        Assert.Equal(
            CellStatus.NeedsReacknowledgement,
            MatrixRules.Cell(false, null, Today, ModuleStatus.NeedsReacknowledgement)
        );
    }

    [Fact]
    public void UnassignedModulesShowAsNotAssignedUntilThePatientStartsOne()
    {
        Assert.Equal(CellStatus.NotAssigned, MatrixRules.Cell(false, null, Today, ModuleStatus.NotStarted));
        Assert.Equal(CellStatus.InProgress, MatrixRules.Cell(false, null, Today, ModuleStatus.InProgress));
        Assert.Equal(CellStatus.NotStarted, MatrixRules.Cell(true, null, Today, ModuleStatus.NotStarted));
    }

    [Fact]
    public void AnUnassignedModuleIsNeverOverdueWhateverItsDate()
    {
        // A due day left over from an assignment that was removed does not make the module overdue.
        Assert.Equal(CellStatus.InProgress, MatrixRules.Cell(false, Today.AddDays(-3), Today, ModuleStatus.InProgress));
        Assert.Equal(
            CellStatus.NotAssigned,
            MatrixRules.Cell(false, Today.AddDays(-3), Today, ModuleStatus.NotStarted)
        );
    }

    [Fact]
    public void EveryStatusHasWordsNotJustAColour()
    {
        foreach (var status in Enum.GetValues<CellStatus>())
        {
            Assert.False(string.IsNullOrWhiteSpace(MatrixRules.Label(status, 40)));
        }

        Assert.Equal("In progress 40%", MatrixRules.Label(CellStatus.InProgress, 40));
        Assert.Equal("Overdue (40%)", MatrixRules.Label(CellStatus.Overdue, 40));
        Assert.Equal("Overdue", MatrixRules.Name(CellStatus.Overdue));
        Assert.Equal("Needs re-acknowledgement", MatrixRules.Name(CellStatus.NeedsReacknowledgement));
        Assert.Equal("In progress", MatrixRules.Name(CellStatus.InProgress));
        Assert.Equal("Not started", MatrixRules.Name(CellStatus.NotStarted));
    }

    [Theory]
    [InlineData("Safety: is KAP right for me, medicines, and warning signs", "Safety")]
    [InlineData("How ketamine works: the NMDA receptor", "How ketamine works")]
    [InlineData("What you may feel", "What you may feel")]
    [InlineData("Glutamate, BDNF and synaptic plasticity", "Glutamate, BDNF and…")]
    [InlineData("Supercalifragilisticexpialidocious", "Supercalifragilisticex…")]
    [InlineData("Exactly twenty-two ch.", "Exactly twenty-two ch.")]
    [InlineData(": Intro", ": Intro")] // a colon at the very start heads nothing
    public void ColumnHeadersAreShortAndKeepWholeWords(string title, string shown) =>
        Assert.Equal(shown, MatrixRules.ShortTitle(title));
}
