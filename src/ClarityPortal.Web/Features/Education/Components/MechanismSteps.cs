namespace ClarityPortal.Web.Features.Education.Components;

/// <summary>
/// The mechanism explorer's steps. Content sync publishes their count with each section that holds the explorer
/// (<c>Section.ExplorerSteps</c>), so reading progress never needs this class or the component.
/// </summary>
public static class MechanismSteps
{
    public sealed record Step(string Title, string Caption);

    /// <summary>
    /// Resting synapse → ketamine in the channel → brake quiets → glutamate burst → AMPA → BDNF/mTORC1
    /// → new spines.
    /// </summary>
    public static readonly IReadOnlyList<Step> All =
    [
        new(
            "A resting synapse",
            "The sending cell holds glutamate, the main \"go\" messenger. On the receiving cell, a tiny magnesium "
                + "plug sits in the NMDA gate. A brake cell that uses GABA keeps the sending cell calm."
        ),
        new(
            "Ketamine enters the gate",
            "When an NMDA gate opens, ketamine can slip into its tunnel and block it. Ketamine blocks the gates on "
                + "the brake cell too."
        ),
        new(
            "The brake cell quiets",
            "The leading idea (not yet proven): brake cells are blocked first, so they send less GABA. The brake on "
                + "the sending cell comes off."
        ),
        new(
            "A burst of glutamate",
            "With the brake off, the sending cell releases a short burst of glutamate into the gap."
        ),
        new(
            "AMPA gates switch on",
            "The glutamate lands on AMPA gates, which are not blocked. They open, and the receiving cell fires."
        ),
        new(
            "Build signals: BDNF and mTORC1",
            "Strong AMPA activity releases BDNF, a growth protein. BDNF helps turn on mTORC1, a switch that makes "
                + "building blocks for new links."
        ),
        new(
            "New spines grow",
            "Within hours, the receiving cell can grow new spines: the small bumps where synapses form. In animal "
                + "studies this came with less depressed behavior."
        ),
    ];
}
