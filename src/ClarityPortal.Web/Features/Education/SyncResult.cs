namespace ClarityPortal.Web.Features.Education;

public sealed record SyncResult(string File, SyncOutcome Outcome, string Message);
