using System.Data;
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
    CareTeamAlerts alerts,
    Infrastructure.Telemetry.PortalTelemetry telemetry,
    IOptions<ContactOptions> options,
    IOptions<MailOptions> mail,
    TimeProvider clock,
    ILogger<ContactService> logger
)
{
    private readonly IDataProtector protector = protection.CreateProtector("ClarityPortal.Contact.FormStarted");

    /// <summary>Contact posts on this instance, one at a time: count, check and insert cannot interleave.</summary>
    private static readonly SemaphoreSlim SubmitGate = new(1, 1);

    /// <summary>
    /// A token recording when the form was shown (for the minimum fill time and the form's lifetime) and a one-time
    /// number, so one form files one request however often it is posted.
    /// </summary>
    public string StartToken()
    {
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        return protector.Protect($"{clock.GetUtcNow().UtcTicks.ToString(CultureInfo.InvariantCulture)}.{nonce}");
    }

    public const string NewFormText =
        "This form could not be checked, or was open for more than a day. Nothing you typed is lost: "
        + "press \"Send message\" again.";

    public const string ConfirmPersonText =
        "That was very quick. To make sure a person is writing to us, tick \"I'm a person\" below and send again. "
        + "Nothing you typed is lost.";

    public async Task<SubmitResult> SubmitAsync(ContactForm form, string? clientAddress, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (ReadToken(form.Started) is not { } token || now - token.Started > options.Value.FormLifetime)
        {
            return new SubmitResult(null, NewFormText, NewForm: true);
        }

        var (started, nonce) = token;
        var fillTime = now - started;
        var minimum = TimeSpan.FromSeconds(options.Value.MinimumFillSeconds);
        if (string.IsNullOrEmpty(form.Website) && fillTime < minimum && !form.ConfirmPerson)
        {
            // Fast but maybe a person (autofill, a pasted message): ask, rather than file it as spam unseen.
            return new SubmitResult(null, ConfirmPersonText, ConfirmPerson: true);
        }

        // Count, check the form's one-time number and insert as one step: on this instance behind a gate, across
        // instances in a serializable transaction (SQLite takes its write lock at BEGIN IMMEDIATE).
        await SubmitGate.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, ct);
            if (
                await db.ContactRequests.Where(r => r.FormNonce == nonce).Select(r => r.Code).FirstOrDefaultAsync(ct) is
                { } sent
            )
            {
                return new SubmitResult(sent, null); // the same form again (a double click): its request, once
            }

            var clientHash = HashClient(clientAddress);
            var since = now.AddHours(-1);
            if (
                await db.ContactRequests.CountAsync(r => r.ClientHash == clientHash && r.SubmittedAt > since, ct)
                >= options.Value.MaxPerHour
            )
            {
                return new SubmitResult(
                    null,
                    $"You have sent {options.Value.MaxPerHour} messages in the last hour, so we can't take another "
                        + "one right now. Please try again later or call the clinic. If this is an emergency, call "
                        + "911; call or text 988 for the Suicide & Crisis Lifeline."
                );
            }

            var result = await FileAsync(db, form, clientHash, nonce, fillTime, minimum, now, ct);
            await transaction.CommitAsync(ct);
            outbox.Kick();
            return result;
        }
        finally
        {
            SubmitGate.Release();
        }
    }

    private async Task<SubmitResult> FileAsync(
        ClarityDbContext db,
        ContactForm form,
        string clientHash,
        string nonce,
        TimeSpan fillTime,
        TimeSpan minimum,
        DateTime now,
        CancellationToken ct
    )
    {
        var providerId = string.IsNullOrEmpty(form.Provider)
            ? null
            : await db
                .Providers.Where(p => p.Slug == form.Provider && p.IsPublished)
                .Select(p => (int?)p.Id)
                .FirstOrDefaultAsync(ct);
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
            FormNonce = nonce,
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
                    $"Hello,\n\nThank you for contacting the clinic. Your reference is {code}. "
                        + "Someone from our team will reply, usually within one business day.\n\n"
                        + "This inbox is not watched for emergencies. If this is an emergency, call 911. "
                        + "If you are in crisis, call or text 988 (Suicide & Crisis Lifeline).\n\nClarity Portal"
                );
            }

            // The clinic's notice names the reference only: the message itself stays in the portal.
            outbox.Enqueue(
                db,
                mail.Value.IntakeAddress,
                $"New contact request {code}",
                $"A new contact request ({code}) is waiting in the Clarity Portal inbox."
            );
            if (providerId is { } named)
            {
                await alerts.ForProviderAsync(db, named, code, ct);
            }
        }
        else
        {
            logger.LogInformation("Contact request {Code} marked as spam: {Signal}", code, spam);
        }

        await db.SaveChangesAsync(ct);
        telemetry.ContactRequests.Add(1, new KeyValuePair<string, object?>("spam", spam is not null));
        return new SubmitResult(code, null, Emailed: spam is null && request.Email is not null);
    }

    /// <summary>When the form was shown and its one-time number; null for a missing, forged or old token.</summary>
    private (DateTime Started, string Nonce)? ReadToken(string? token)
    {
        try
        {
            var parts = token is null ? [] : protector.Unprotect(token).Split('.');
            return parts.Length == 2 && long.TryParse(parts[0], CultureInfo.InvariantCulture, out var ticks)
                ? (new DateTime(ticks, DateTimeKind.Utc), parts[1])
                : null;
        }
        catch (CryptographicException)
        {
            return null;
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
