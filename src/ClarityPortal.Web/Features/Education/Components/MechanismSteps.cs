namespace ClarityPortal.Web.Features.Education.Components;

/// <summary>
/// The mechanism explorer's steps. Content sync publishes their count with each section that holds the explorer
/// (<c>Section.ExplorerSteps</c>), so reading progress never needs this class or the component.
/// </summary>
public static class MechanismSteps
{
    public sealed record Step(string Title, string Caption);

    /// <summary>
    /// Resting synapse → ketamine blocks the brake cell's gates first → brake quiets → glutamate burst → AMPA
    /// → BDNF/mTORC1 → new spines. From the brake step on, each caption frames the step as the leading hypothesis
    /// (disinhibition), and the spines step names the rat finding as an animal finding.
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
            "Ketamine can slip into an open NMDA gate and block it. Scientists think that at low doses, it blocks "
                + "the gates on the brake (GABA) cells first. It can block the gate on the receiving cell too."
        ),
        new(
            "The brake cell quiets",
            "The leading idea (not yet proven): with their gates blocked, brake cells send out less GABA. The brake "
                + "on the sending cell comes off."
        ),
        new(
            "A burst of glutamate",
            "In this idea, the sending cell is now free of its brake. It lets out a short burst of glutamate into "
                + "the gap."
        ),
        new(
            "AMPA gates switch on",
            "In this idea, the glutamate lands on AMPA gates. Ketamine does not block these gates. They open, and "
                + "the receiving cell fires."
        ),
        new(
            "Build signals: BDNF and mTORC1",
            "In this idea, the strong firing lets out BDNF, a growth protein. It helps turn on a switch called "
                + "mTORC1. The switch makes building blocks for new links."
        ),
        new(
            "New spines grow",
            "In this idea, the build signals start within hours. Then the receiving cell grows new spines: small "
                + "bumps where synapses form. In rats, they were seen about a day (24 hours) after one dose (Li and "
                + "others, Science, 2010). This was found in animals. We do not know yet if it happens in people."
        ),
    ];
}
