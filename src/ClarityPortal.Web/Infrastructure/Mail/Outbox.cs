using ClarityPortal.Data;
using ClarityPortal.Data.Mail;

namespace ClarityPortal.Web.Infrastructure.Mail;

/// <summary>
/// Queues mail in the database, in the same save as the thing it is about; the dispatcher sends it. Every message is
/// signed with the clinic's name and phone once an admin has set them.
/// </summary>
public sealed class Outbox(MailDispatcher dispatcher, TimeProvider clock, ClinicInfo clinic)
{
    public const string SecretRemoved = "(Removed after sending: this message held a single-use link.)";

    /// <param name="containsSecret">True when the body holds a link that must not outlive the sending
    /// (invitations).</param>
    /// <param name="unsubscribeUrl">A one-click unsubscribe address, for the List-Unsubscribe header.</param>
    public void Enqueue(
        ClarityDbContext db,
        string to,
        string subject,
        string body,
        bool containsSecret = false,
        string? unsubscribeUrl = null
    )
    {
        var now = clock.GetUtcNow().UtcDateTime;
        db.Outbox.Add(
            new OutboxMessage
            {
                To = to,
                Subject = subject,
                Body = body + clinic.Current.Signature,
                CreatedAt = now,
                NextAttemptAt = now,
                ContainsSecret = containsSecret,
                UnsubscribeUrl = unsubscribeUrl,
            }
        );
    }

    /// <summary>Call after saving: sends now rather than at the next poll.</summary>
    public void Kick() => dispatcher.Kick();
}
