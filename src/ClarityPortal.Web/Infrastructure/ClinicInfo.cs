using ClarityPortal.Data;
using ClarityPortal.Data.Clinic;
using Microsoft.EntityFrameworkCore;

namespace ClarityPortal.Web.Infrastructure;

/// <summary>How to reach the clinic, as shown to everyone (footer, contact pages, emails).</summary>
public sealed record ClinicContact(
    string Name,
    string Phone,
    string Address,
    string Hours,
    string AfterHours,
    string PrivacyNotice,
    string Terms,
    bool IsSample
)
{
    public static readonly ClinicContact Empty = new("", "", "", "", "", "", "", false);

    /// <summary>Enough to reach someone: a name and a phone number.</summary>
    public bool IsSet => Name.Length > 0 && Phone.Length > 0;

    /// <summary>A <c>tel:</c> link: the digits (and a leading +) of the phone number.</summary>
    public string TelHref =>
        "tel:" + new string(Phone.Where((c, i) => char.IsAsciiDigit(c) || (c == '+' && i == 0)).ToArray());

    /// <summary>The signature under every email: the clinic's name and phone, once set.</summary>
    public string Signature =>
        !IsSet
            ? ""
            : $"\n\n{Name}\n{Phone}{(Hours.Length > 0 ? $" ({Hours})" : "")}"
                + (IsSample ? "\n(sample details for the demo)" : "");

    /// <summary>Whether a privacy notice or terms field is a link (shown as one) rather than the text itself.</summary>
    public static bool IsLink(string value) =>
        Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)
        && uri.Scheme == Uri.UriSchemeHttps
        && !value.Trim().Contains(' ');

    /// <summary>Why the details cannot be saved, or null.</summary>
    public string? Problem()
    {
        if (Name.Trim().Length is 0 or > 200)
        {
            return "Enter the clinic's name (up to 200 characters).";
        }

        var digits = Phone.Count(char.IsAsciiDigit);
        if (digits < 3 || Phone.Length > 40 || Phone.Any(c => !(char.IsAsciiDigit(c) || " +-().".Contains(c))))
        {
            return "Enter the phone number patients should call, like (555) 010-0199.";
        }

        if (Address.Length > 400 || Hours.Length > 400 || AfterHours.Length > 400)
        {
            return "Keep the address, hours and after-hours line under 400 characters each.";
        }

        return PrivacyNotice.Length > 20000 || Terms.Length > 20000
            ? "Keep the privacy notice and terms under 20,000 characters each, or give a link."
            : null;
    }
}

/// <summary>
/// The clinic's details from the database, cached for the process (they change rarely; saving replaces the cache).
/// Reading needs no permission; saving is the admin feature's (it checks the admin policy and audits).
/// </summary>
public sealed class ClinicInfo(IDbContextFactory<ClarityDbContext> dbFactory)
{
    private volatile ClinicContact? cached;

    /// <summary>The details as last loaded (empty before the first load, which start-up does).</summary>
    public ClinicContact Current => cached ?? ClinicContact.Empty;

    public async Task<ClinicContact> GetAsync(CancellationToken ct = default)
    {
        if (cached is { } details)
        {
            return details;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.ClinicDetails.AsNoTracking().FirstOrDefaultAsync(c => c.Id == ClinicDetails.SingleId, ct);
        return cached = row is null
            ? ClinicContact.Empty
            : new ClinicContact(
                row.Name,
                row.Phone,
                row.Address,
                row.Hours,
                row.AfterHours,
                row.PrivacyNotice,
                row.Terms,
                row.IsSample
            );
    }

    /// <summary>Saves checked details (see <see cref="ClinicContact.Problem"/>) and refreshes the cache.</summary>
    public async Task SaveAsync(ClinicContact details, string by, DateTime now, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await ApplyAsync(db, details, by, now, ct);
        await db.SaveChangesAsync(ct);
        await ForgetAsync(ct);
    }

    /// <summary>Puts <paramref name="details"/> on <paramref name="db"/> for the caller to save (an audited change).
    /// </summary>
    public static async Task ApplyAsync(
        ClarityDbContext db,
        ClinicContact details,
        string by,
        DateTime now,
        CancellationToken ct = default
    )
    {
        var row = await db.ClinicDetails.FirstOrDefaultAsync(c => c.Id == ClinicDetails.SingleId, ct);
        if (row is null)
        {
            row = new ClinicDetails();
            db.ClinicDetails.Add(row);
        }

        row.Name = details.Name.Trim();
        row.Phone = details.Phone.Trim();
        row.Address = details.Address.Trim();
        row.Hours = details.Hours.Trim();
        row.AfterHours = details.AfterHours.Trim();
        row.PrivacyNotice = details.PrivacyNotice.Trim();
        row.Terms = details.Terms.Trim();
        row.IsSample = details.IsSample;
        row.UpdatedAt = now;
        row.UpdatedBy = by;
    }

    /// <summary>Drops the cached copy after a save, and reads the saved one.</summary>
    public async Task ForgetAsync(CancellationToken ct = default)
    {
        cached = null;
        await GetAsync(ct);
    }
}
