namespace ClarityPortal.Web.Features.Progress;

public enum ModuleStatus
{
    NotStarted,
    InProgress,
    ReadyToAcknowledge,
    Complete,
    NeedsReacknowledgement,
}
