namespace ClarityPortal.Web.Features.Contact;

public sealed record SubmitResult(string? Code, string? Refusal);
