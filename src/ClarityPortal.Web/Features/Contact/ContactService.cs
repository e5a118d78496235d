using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ClarityPortal.Data;
using ClarityPortal.Data.Contact;
using ClarityPortal.Web.Infrastructure.Mail;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClarityPortal.Web.Features.Contact;

/// <summary>
/// The public side: accept a contact request safely. The request is saved before any mail is attempted.
/// </summary>
public sealed class ContactService(
    IDbContextFactory<ClarityDbContext> dbFactory,
    IDataProtectionProvider protection,
    Outbox outbox,
    IOptions<ContactOptions> options,
    IOptions<MailOptions> mail,
    TimeProvider clock,
    ILogger<ContactService> logger
)
{
    private readonly IDataProtector protector = protection.CreateProtector("ClarityPortal.Contact.FormStarted");

    /// <summary>A token recording when the form was shown, for the minimum fill time.</summary>
    public string StartToken() => protector.Protect(clock.GetUtcNow().UtcTicks.ToString(CultureInfo.InvariantCulture));

    public const string ConfirmPersonText =
        "That was very quick. To make sure a person is writing to us, tick \"I'm a person\" below and send again. "
        + "Nothing you typed is lost.";

    public async Task<SubmitResult> SubmitAsync(ContactForm form, string? clientAddress, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var clientHash = HashClient(clientAddress);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var since = now.AddHours(-1);
        if (
            await db.ContactRequests.CountAsync(r => r.ClientHash == clientHash && r.SubmittedAt > since, ct)
            >= options.Value.MaxPerHour
        )
        {
            return new SubmitResult(
                null,
                $"You have sent {options.Value.MaxPerHour} messages in the last hour, so we can't take another one "
                    + $"right now. "
                    + "Please try again later or call the clinic. If this is an emergency, call 911; call or text 988 "
                    + "for the Suicide & Crisis Lifeline."
            );
        }

        var providerId = string.IsNullOrEmpty(form.Provider)
            ? null
            : await db
                .Providers.Where(p => p.Slug == form.Provider && p.IsPublished)
                .Select(p => (int?)p.Id)
                .FirstOrDefaultAsync(ct);
        var fillTime = now - StartedAt(form.Started, now);
        var minimum = TimeSpan.FromSeconds(options.Value.MinimumFillSeconds);
        if (string.IsNullOrEmpty(form.Website) && fillTime < minimum && !form.ConfirmPerson)
        {
            // Fast but maybe a person (autofill, a pasted message): ask, rather than file it as spam unseen.
            return new SubmitResult(null, ConfirmPersonText, ConfirmPerson: true);
        }

        var spam = ContactRules.SpamSignal(form.Website, form.ConfirmPerson ? minimum : fillTime, minimum);
        var code = await ContactCodes.UnusedAsync(db, ct);

        var request = new ContactRequest
        {
            Code = code,
            Name = form.Name.Trim(),
            Email = Blank(form.Email),
            Phone = Blank(form.Phone),
            PreferredMethod = form.PreferredMethod,
            PreferredTime = Blank(form.PreferredTime),
            Topic = form.Topic,
            Message = form.Message.Trim(),
            Consent = form.Consent,
            SubmittedAt = now,
            ClientHash = clientHash,
            PreferredProviderId = providerId,
            Status = spam is null ? ContactStatus.New : ContactStatus.Spam,
            History =
            [
                new()
                {
                    At = now,
                    Actor = form.Name.Trim(),
                    Kind = ContactEventKind.Submitted,
                    ToStatus = spam is null ? ContactStatus.New : ContactStatus.Spam,
                    Text = spam is null ? null : $"Marked spam automatically: {spam}",
                },
            ],
        };
        db.ContactRequests.Add(request);
        if (spam is null)
        {
            if (request.Email is { } email)
            {
                outbox.Enqueue(
                    db,
                    email,
                    $"We received your message ({code})",
                    $"Hello {request.Name},\n\nThank you for contacting the clinic. Your reference is {code}. "
                        + "Someone from our team will reply, usually within one business day.\n\n"
                        + "This inbox is not watched for emergencies. If this is an emergency, call 911. "
                        + "If you are in crisis, call or text 988 (Suicide & Crisis Lifeline).\n\nClarity Portal"
                );
            }

            // The clinic's notice names the reference only: the message itself stays in the portal.
            outbox.Enqueue(
                db,
                mail.Value.IntakeAddress,
                $"New contact request {code}: {ContactRules.Label(request.Topic)}",
                $"A new contact request ({code}, {ContactRules.Label(request.Topic)}) is waiting in the Clarity "
                    + $"Portal inbox."
            );
        }
        else
        {
            logger.LogInformation("Contact request {Code} marked as spam: {Signal}", code, spam);
        }

        await db.SaveChangesAsync(ct);
        outbox.Kick();
        return new SubmitResult(code, null, Emailed: spam is null && request.Email is not null);
    }

    private DateTime StartedAt(string? token, DateTime now)
    {
        try
        {
            return token is null
                ? now
                : new DateTime(long.Parse(protector.Unprotect(token), CultureInfo.InvariantCulture), DateTimeKind.Utc);
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            return now; // a missing or forged token counts as "sent instantly"
        }
    }

    /// <summary>
    /// A keyed hash of the client address: enough to count requests per hour, not to recover the address.
    /// </summary>
    private string HashClient(string? address) =>
        Convert.ToHexStringLower(
            HMACSHA256.HashData(
                Encoding.UTF8.GetBytes(options.Value.ClientHashKey),
                Encoding.UTF8.GetBytes(address ?? "unknown")
            )
        );

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
