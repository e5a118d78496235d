namespace ClarityPortal.Web.Features.Contact;

/// <summary>
/// A saved request (its code, and whether an acknowledgement was mailed), a refusal with why, or a request to confirm
/// that a person is sending (a form sent faster than anyone types is not filed until they do). <see cref="NewForm"/>
/// asks the page for a fresh form token (the old one was missing, forged or expired); what was typed stays.
/// </summary>
public sealed record SubmitResult(
    string? Code,
    string? Refusal,
    bool Emailed = false,
    bool ConfirmPerson = false,
    bool NewForm = false
);
