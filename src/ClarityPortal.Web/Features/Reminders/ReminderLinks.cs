using System.Security.Cryptography;
using System.Text;
using ClarityPortal.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace ClarityPortal.Web.Features.Reminders;

public enum UnsubscribeResult
{
    Unsubscribed,
    AlreadyUsed,
    Unknown,
}

/// <summary>
/// The unsubscribe link in each reminder mail: sealed with data protection for this one purpose, naming the patient
/// and their link version. Using a link turns reminders off and bumps the version, so each link works once.
/// </summary>
public sealed class ReminderLinks(IDataProtectionProvider protection, IDbContextFactory<ClarityDbContext> dbFactory)
{
    public const string PagePath = "/account/reminders/unsubscribe";
    public const string OneClickPath = "/reminders/unsubscribe";

    private IDataProtector Sealer => protection.CreateProtector("ClarityPortal.Reminders.Unsubscribe");

    public string Token(string patientId, int version) =>
        WebEncoders.Base64UrlEncode(Sealer.Protect(Encoding.UTF8.GetBytes($"{patientId}\n{version}")));

    /// <summary>The patient and link version a token stands for, or null when it is not one of ours.</summary>
    public (string PatientId, int Version)? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1000)
        {
            return null;
        }

        try
        {
            var parts = Encoding.UTF8.GetString(Sealer.Unprotect(WebEncoders.Base64UrlDecode(token))).Split('\n');
            return parts is [var id, var v] && int.TryParse(v, out var version) ? (id, version) : null;
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            return null;
        }
    }

    /// <summary>Whether the link can still be used (shown before the person confirms).</summary>
    public async Task<UnsubscribeResult> CheckAsync(string? token, CancellationToken ct = default)
    {
        if (Read(token) is not var (id, version))
        {
            return UnsubscribeResult.Unknown;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var current = await db
            .Users.Where(u => u.Id == id)
            .Select(u => (int?)u.ReminderLinkVersion)
            .FirstOrDefaultAsync(ct);
        return current is null ? UnsubscribeResult.Unknown
            : current == version ? UnsubscribeResult.Unsubscribed
            : UnsubscribeResult.AlreadyUsed;
    }

    /// <summary>Turns reminders off for the link's patient, once: the version must still match (atomically).</summary>
    public async Task<UnsubscribeResult> UnsubscribeAsync(string? token, CancellationToken ct = default)
    {
        if (Read(token) is not var (id, version))
        {
            return UnsubscribeResult.Unknown;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var changed = await db
            .Users.Where(u => u.Id == id && u.ReminderLinkVersion == version)
            .ExecuteUpdateAsync(
                s => s.SetProperty(u => u.RemindersOff, true).SetProperty(u => u.ReminderLinkVersion, version + 1),
                ct
            );
        return changed == 1 ? UnsubscribeResult.Unsubscribed
            : await db.Users.AnyAsync(u => u.Id == id, ct) ? UnsubscribeResult.AlreadyUsed
            : UnsubscribeResult.Unknown;
    }
}
