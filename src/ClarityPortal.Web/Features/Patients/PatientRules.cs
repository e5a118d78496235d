using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ClarityPortal.Data.Patients;
using ClarityPortal.Web.Features.Progress;
using CsvHelper;

namespace ClarityPortal.Web.Features.Patients;

/// <summary>What a clinician sees in one cell of the roster × modules matrix.</summary>
public enum CellStatus
{
    NotAssigned,
    NotStarted,
    InProgress,
    Complete,
    NeedsReacknowledgement,
    Overdue,
}

public enum InvitationState
{
    Valid,
    Unknown,
    Expired,
    Used,
    Revoked,
}

/// <summary>Invitation tokens: random, sent once, stored only as a hash, single use, seven days.</summary>
public static class InvitationTokens
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    /// <summary>A new token (32 random bytes, URL-safe) and the hash to store.</summary>
    public static (string Token, string Hash) Create()
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (token, Hash(token));
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Whether a stored invitation (or none, for a forged token) may still be accepted at <paramref name="now"/>.</summary>
    public static InvitationState Check(Invitation? invitation, DateTime now) => invitation switch
    {
        null => InvitationState.Unknown,
        { UsedAt: not null } => InvitationState.Used,
        { RevokedAt: not null } => InvitationState.Revoked,
        _ when now >= invitation.ExpiresAt => InvitationState.Expired,
        _ => InvitationState.Valid,
    };

    /// <summary>A token is plausible before any database look-up: 43 URL-safe characters.</summary>
    public static bool LooksValid(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}

/// <summary>Pure rules for the matrix cells.</summary>
public static class MatrixRules
{
    /// <summary>
    /// Re-acknowledgement wins (the patient has work to do whatever the date); then complete; then an assigned module
    /// past its due day is overdue; otherwise the reading status. A module read without being assigned still shows.
    /// </summary>
    public static CellStatus Cell(bool assigned, DateOnly? due, DateOnly today, ModuleStatus status)
    {
        if (status == ModuleStatus.NeedsReacknowledgement)
        {
            return CellStatus.NeedsReacknowledgement;
        }

        if (status == ModuleStatus.Complete)
        {
            return CellStatus.Complete;
        }

        if (assigned && due is { } d && d < today)
        {
            return CellStatus.Overdue;
        }

        return status switch
        {
            ModuleStatus.NotStarted => assigned ? CellStatus.NotStarted : CellStatus.NotAssigned,
            _ => CellStatus.InProgress,
        };
    }

    /// <summary>The status alone, for filters ("In progress", "Overdue").</summary>
    public static string Name(CellStatus status) => status switch
    {
        CellStatus.InProgress => "In progress",
        CellStatus.Overdue => "Overdue",
        _ => Label(status, 0),
    };

    public static string Label(CellStatus status, int percent) => status switch
    {
        CellStatus.NotAssigned => "Not assigned",
        CellStatus.NotStarted => "Not started",
        CellStatus.InProgress => $"In progress {percent}%",
        CellStatus.Complete => "Complete",
        CellStatus.NeedsReacknowledgement => "Needs re-acknowledgement",
        CellStatus.Overdue => $"Overdue ({percent}%)",
        _ => status.ToString(),
    };
}

/// <summary>
/// The matrix as CSV (CsvHelper, RFC 4180). Cells a spreadsheet would run as a formula — starting with <c>=</c>, <c>+</c>,
/// <c>-</c>, <c>@</c>, tab or carriage return — get a leading apostrophe, so a patient named "=HYPERLINK(…)" stays text.
/// </summary>
public static class MatrixCsv
{
    public static readonly CsvWriterOptions Options = new()
    {
        Injection = CsvInjection.Escape,
        InjectionCharacters = "=+-@\t\r",
        InjectionEscape = '\'',
    };

    public static async Task<byte[]> WriteAsync(IReadOnlyList<MatrixColumn> columns, IEnumerable<MatrixRow> rows, CancellationToken ct = default)
    {
        await using var buffer = new MemoryStream();
        await using (var text = new StreamWriter(buffer, new UTF8Encoding(true), leaveOpen: true))
        await using (var csv = CsvWriter.Create(text, Options, leaveOpen: true))
        {
            csv.WriteField("Patient");
            csv.WriteField("Email");
            csv.WriteField("Next session");
            foreach (var c in columns)
            {
                csv.WriteField(c.Title);
                csv.WriteField($"{c.Title} due");
            }

            await csv.EndRecordAsync(ct);
            foreach (var row in rows)
            {
                csv.WriteField(row.Name);
                csv.WriteField(row.Email);
                csv.WriteField(Day(row.NextSessionOn));
                foreach (var cell in row.Cells)
                {
                    csv.WriteField(cell.Label);
                    csv.WriteField(Day(cell.DueOn));
                }

                await csv.EndRecordAsync(ct);
            }

            await csv.FlushAsync(ct);
        }

        return buffer.ToArray();
    }

    private static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
