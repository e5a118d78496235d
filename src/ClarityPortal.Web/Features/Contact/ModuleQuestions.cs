using ClarityPortal.Data;
using ClarityPortal.Data.Contact;
using Microsoft.EntityFrameworkCore;

namespace ClarityPortal.Web.Features.Contact;

/// <summary>
/// A patient's "I have a question" from a lesson becomes a contact request here, the one place that writes contact
/// requests besides the public form. The caller (reading progress) passes its own context, so the question and the
/// acknowledgement it comes with are saved together or not at all.
/// </summary>
public static class ModuleQuestions
{
    public const int MaxLength = 2000;

    public const string TooManyText =
        "You have sent many questions in the last hour, so this one was not sent. Your text is still here; "
        + "try again later, or call the clinic. In an emergency, call 911; in a crisis, call or text 988.";

    /// <summary>Why the text cannot be sent, or null when it can.</summary>
    public static string? Problem(string? question) =>
        question?.Trim() is { Length: > 0 and <= MaxLength } ? null : "Write your question in up to 2,000 characters.";

    /// <summary>Adds the question to <paramref name="db"/> (not saved), linked to the patient and the module.</summary>
    /// <returns>The new request's reference code.</returns>
    public static async Task<string> AddAsync(
        ClarityDbContext db,
        string patientId,
        int moduleId,
        string moduleTitle,
        string question,
        DateTime now,
        CancellationToken ct
    )
    {
        var person = await db
            .Users.AsNoTracking()
            .Where(u => u.Id == patientId)
            .Select(u => new { u.DisplayName, u.Email })
            .FirstAsync(ct);
        var code = await ContactCodes.UnusedAsync(db, ct);
        db.ContactRequests.Add(
            new ContactRequest
            {
                Code = code,
                Name = person.DisplayName,
                Email = person.Email,
                PreferredMethod = ContactMethod.Email,
                Topic = ContactTopic.ModuleQuestion,
                Message = question.Trim(),
                Consent = true,
                SubmittedAt = now,
                Status = ContactStatus.New,
                AwaitingReply = true,
                PatientId = patientId,
                ModuleId = moduleId,
                History =
                [
                    new ContactHistory
                    {
                        At = now,
                        ActorId = patientId,
                        Actor = person.DisplayName,
                        Kind = ContactEventKind.Submitted,
                        ToStatus = ContactStatus.New,
                        Text = $"Question about {moduleTitle}",
                    },
                ],
            }
        );

        return code;
    }
}
