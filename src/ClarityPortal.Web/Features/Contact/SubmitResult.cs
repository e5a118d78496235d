namespace ClarityPortal.Web.Features.Contact;

/// <summary>
/// A saved request (its code, and whether an acknowledgement was mailed), a refusal with why, or a request to confirm
/// that a person is sending (a form sent faster than anyone types is not filed until they do).
/// </summary>
public sealed record SubmitResult(string? Code, string? Refusal, bool Emailed = false, bool ConfirmPerson = false);
