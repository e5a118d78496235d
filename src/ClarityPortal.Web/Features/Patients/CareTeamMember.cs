namespace ClarityPortal.Web.Features.Patients;

/// <summary>A clinician on a patient's care team (or one who could join it).</summary>
public sealed record CareTeamMember(string Id, string Name);
