using ClarityPortal.Data;
using ClarityPortal.Data.Contact;
using ClarityPortal.Data.Identity;
using ClarityPortal.Web.Infrastructure;
using ClarityPortal.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;

namespace ClarityPortal.Web.Features.Contact;

/// <summary>
/// Tells staff that something new is waiting for them: a patient in their care asked a question, or a contact request
/// names them as the preferred provider (matched by the provider's contact email). Each staff member chooses at
/// once, a daily digest or nothing. The mail links to the inbox and holds no patient details.
/// </summary>
public sealed class CareTeamAlerts(Outbox outbox, PortalRoot root, TimeProvider clock)
{
    public const string Subject = "Something new in your Clarity Portal inbox";
    public const string DigestSubject = "Your Clarity Portal inbox today";

    /// <summary>Alerts the patient's care team about request <paramref name="code"/>, in the caller's save.</summary>
    public async Task ForPatientAsync(ClarityDbContext db, string patientId, string code, CancellationToken ct)
    {
        var staff = await db
            .CareTeamLinks.Where(l => l.PatientId == patientId)
            .Select(l => l.Clinician!)
            .Where(u => u.DeactivatedAt == null && u.Email != null)
            .Select(u => new Recipient(u.Id, u.Email!, u.AlertPreference))
            .ToListAsync(ct);
        Add(db, staff, code, "A patient in your care asked a question.");
    }

    /// <summary>Alerts the staff account of the provider a request names, if the provider has one.</summary>
    public async Task ForProviderAsync(ClarityDbContext db, int providerId, string code, CancellationToken ct)
    {
        var email = await db
            .Providers.Where(p => p.Id == providerId)
            .Select(p => p.ContactEmail)
            .FirstOrDefaultAsync(ct);
        if (string.IsNullOrWhiteSpace(email))
        {
            return;
        }

        var normalized = email.Trim().ToUpperInvariant();
        var staff = await db
            .Users.Where(u => u.NormalizedEmail == normalized && u.Kind == UserKind.Staff && u.DeactivatedAt == null)
            .Select(u => new Recipient(u.Id, u.Email!, u.AlertPreference))
            .ToListAsync(ct);
        Add(db, staff, code, "A new contact request names you as the provider the person would like to see.");
    }

    private void Add(ClarityDbContext db, IEnumerable<Recipient> staff, string code, string what)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var person in staff.Where(s => s.Preference != AlertPreference.None).DistinctBy(s => s.Id))
        {
            var immediate = person.Preference == AlertPreference.Immediate;
            db.StaffAlerts.Add(
                new StaffAlert
                {
                    StaffId = person.Id,
                    Code = code,
                    CreatedAt = now,
                    MailedAt = immediate ? now : null,
                }
            );
            if (immediate)
            {
                outbox.Enqueue(
                    db,
                    person.Email,
                    Subject,
                    $"Hello,\n\n{what} Open it in the portal (sign-in needed):\n{root.Value}{ContactSetup.InboxPath}/"
                        + $"{code}\n\n{Footer}"
                );
            }
        }
    }

    /// <summary>
    /// Sends each digest reader one mail with what waited since their last one: from 08:00 clinic time, once a
    /// day. Returns the number of digests queued.
    /// </summary>
    public async Task<int> SendDigestsAsync(ClarityDbContext db, DateTime clinicNow, CancellationToken ct = default)
    {
        if (clinicNow.Hour < 8)
        {
            return 0;
        }

        var today = DateOnly.FromDateTime(clinicNow);
        var utc = clock.GetUtcNow().UtcDateTime;
        // The mails, the alerts marked mailed and each reader's digest day: all or nothing.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var waiting = await db
            .StaffAlerts.Where(a => a.MailedAt == null)
            .Join(
                db.Users.Where(u =>
                    u.AlertPreference == AlertPreference.DailyDigest
                    && u.DeactivatedAt == null
                    && (u.LastAlertDigestOn == null || u.LastAlertDigestOn < today)
                ),
                a => a.StaffId,
                u => u.Id,
                (a, u) => new { Alert = a, u.Email }
            )
            .ToListAsync(ct);
        var digests = 0;
        foreach (var group in waiting.Where(w => w.Email != null).GroupBy(w => w.Alert.StaffId))
        {
            var codes = group.Select(w => w.Alert.Code).Distinct().Order(StringComparer.Ordinal).ToList();
            outbox.Enqueue(
                db,
                group.First().Email!,
                DigestSubject,
                $"Hello,\n\n{codes.Count} new {(codes.Count == 1 ? "item is" : "items are")} waiting for you in "
                    + "Clarity Portal (questions from patients in your care, or requests naming you):\n"
                    + string.Join('\n', codes.Select(c => $"{root.Value}{ContactSetup.InboxPath}/{c}"))
                    + $"\n\n{Footer}"
            );
            foreach (var w in group)
            {
                w.Alert.MailedAt = utc;
            }

            await db
                .Users.Where(u => u.Id == group.Key)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.LastAlertDigestOn, today), ct);
            digests++;
        }

        // Alerts for people who have since chosen "none" are dropped, not kept for a digest that never comes.
        await db
            .StaffAlerts.Where(a =>
                a.MailedAt == null && db.Users.Any(u => u.Id == a.StaffId && u.AlertPreference == AlertPreference.None)
            )
            .ExecuteDeleteAsync(ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        if (digests > 0)
        {
            outbox.Kick();
        }

        return digests;
    }

    private string Footer =>
        "This email holds no patient details on purpose. Choose alerts at once, once a day or not at all on "
        + $"My account: {root.Value}/account\n";

    private sealed record Recipient(string Id, string Email, AlertPreference Preference);
}
