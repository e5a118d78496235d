namespace ClarityPortal.Web.Features.Education;

public enum SyncOutcome
{
    Unchanged,
    Published,
    Rejected,
}
