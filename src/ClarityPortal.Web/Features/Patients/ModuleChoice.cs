namespace ClarityPortal.Web.Features.Patients;

public sealed record ModuleChoice(int Id, string Title);
