using System.Security.Claims;
using ClarityPortal.Data;
using ClarityPortal.Data.Audit;
using Microsoft.EntityFrameworkCore;

namespace ClarityPortal.Web.Infrastructure.Audit;

/// <summary>Appends events to the hash-chained audit log.</summary>
public sealed class AuditLog(
    IDbContextFactory<ClarityDbContext> dbFactory,
    AuditSecrets secrets,
    TimeProvider clock,
    Telemetry.PortalTelemetry telemetry
) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);

    private byte[] Key =>
        secrets.Key is { Length: > 0 } key
            ? key
            : throw new InvalidOperationException("Audit:Key is not set, so nothing can be added to the audit log.");

    /// <summary>
    /// Starts a change that will be stored together with its audit rows (see <see cref="AuditedChange"/>). Appends
    /// are serialized: in this process by a gate taken before the transaction starts (so no one waits for the gate
    /// while holding a database write lock), across processes by the database (SQLite's write lock, taken when the
    /// transaction begins; an application lock on SQL Server).
    /// </summary>
    public async Task<AuditedChange> BeginAsync(ClarityDbContext db, CancellationToken ct = default)
    {
        var key = Key;
        // An audited change is short; a wait this long means a change began another inside itself (a bug), which
        // would otherwise hang for ever.
        if (!await gate.WaitAsync(TimeSpan.FromSeconds(30), ct))
        {
            throw new TimeoutException("The audit log stayed busy for 30 seconds; nothing was changed.");
        }
        try
        {
            var transaction = await db.Database.BeginTransactionAsync(ct);
            if (db.Database.ProviderName == "Microsoft.EntityFrameworkCore.SqlServer")
            {
                await db.Database.ExecuteSqlRawAsync(
                    "EXEC sp_getapplock @Resource = 'clarity-audit-chain', @LockMode = 'Exclusive', "
                        + "@LockOwner = 'Transaction', @LockTimeout = 30000",
                    ct
                );
            }

            return new AuditedChange(db, transaction, key, clock, AnchoredAsync, () => gate.Release());
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    /// <summary>Records an event that changes nothing else (a view, a sign-in, a refusal) on its own.</summary>
    public Task RecordAsync(
        ClaimsPrincipal? actor,
        string action,
        string subject,
        string details = "",
        CancellationToken ct = default
    ) => RecordAsync(change => change.Record(actor, action, subject, details), ct);

    /// <inheritdoc cref="RecordAsync(ClaimsPrincipal?, string, string, string, CancellationToken)"/>
    public Task RecordAsync(
        string? actorId,
        string actor,
        string action,
        string subject,
        string details = "",
        CancellationToken ct = default
    ) => RecordAsync(change => change.Record(actorId, actor, action, subject, details), ct);

    private async Task RecordAsync(Action<AuditedChange> record, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var change = await BeginAsync(db, ct);
        record(change);
        await change.CommitAsync(ct);
    }

    /// <summary>
    /// Walks the whole chain in id order, streaming rows, then checks that the last head written to the anchor is
    /// still in the database unchanged (a cut tail shows there). Callers authorize (only admins verify).
    /// </summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var walker = new AuditChain.Walker(Key);
        await foreach (
            var e in db.AuditEvents.AsNoTracking().OrderBy(e => e.Id).AsAsyncEnumerable().WithCancellation(ct)
        )
        {
            if (!walker.Accept(e))
            {
                return walker.Result with { Reason = $"row {e.Id} was changed or inserted" };
            }
        }

        // A row deleted from the middle breaks the links above; the newest rows deleted (the end cut) leave a valid
        // but shorter chain, which only the head last written outside the database reveals. Rows without any
        // readable head are not trusted either: the anchor may have been removed to hide a cut.
        if (AnchoredHead() is not var (id, hash))
        {
            return walker.Result.RowsChecked == 0
                ? walker.Result
                : walker.Result with
                {
                    Intact = false,
                    Reason = $"the anchor file {secrets.AnchorPath} is missing or unreadable",
                };
        }

        var stored = await db.AuditEvents.Where(e => e.Id == id).Select(e => e.Hash).FirstOrDefaultAsync(ct);
        if (stored != hash)
        {
            var why = stored is null ? "is missing (deleted, or the end of the log was cut)" : "was changed";
            return walker.Result with { Intact = false, FirstBrokenId = id, Reason = $"row {id} {why}" };
        }

        return walker.Result;
    }

    /// <summary>
    /// Re-seals a chain written before the key existed (plain SHA-256) with the key, once, if it verifies as it was;
    /// a broken old chain is left exactly as it is for someone to investigate.
    /// </summary>
    public async Task UpgradeUnkeyedChainAsync(CancellationToken ct = default)
    {
        // Only a log that was never sealed: once any keyed head has been anchored, an unkeyed chain can only be a
        // rewrite by someone without the key, and re-sealing it would launder their changes.
        if (secrets.Key.Length == 0 || AnchoredHead() is not null)
        {
            return;
        }

        await gate.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var first = await db.AuditEvents.OrderBy(e => e.Id).FirstOrDefaultAsync(ct);
            if (first is null || first.Hash != AuditChain.LegacyHash(first))
            {
                return; // empty, or already keyed
            }

            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var rows = await db.AuditEvents.AsNoTracking().OrderBy(e => e.Id).ToListAsync(ct);
            var previous = AuditChain.Genesis;
            foreach (var row in rows)
            {
                if (row.PreviousHash != previous || row.Hash != AuditChain.LegacyHash(row))
                {
                    return; // broken before the upgrade: keep the evidence
                }

                previous = row.Hash;
            }

            previous = AuditChain.Genesis;
            foreach (var row in rows)
            {
                row.PreviousHash = previous;
                row.Hash = AuditChain.ComputeHash(row, Key);
                previous = row.Hash;
                // The context refuses to change audit rows; this one-time re-seal writes the two hashes directly.
                await db
                    .AuditEvents.Where(e => e.Id == row.Id)
                    .ExecuteUpdateAsync(
                        u => u.SetProperty(e => e.PreviousHash, row.PreviousHash).SetProperty(e => e.Hash, row.Hash),
                        ct
                    );
            }

            await tx.CommitAsync(ct);
            await AnchorAsync(rows[^1], ct);
        }
        finally
        {
            gate.Release();
        }

        await RecordAsync(null, "system", AuditActions.AuditChainResealed, "audit log", "unkeyed chain sealed", ct);
    }

    /// <summary>The last head written to the anchor file, or null when there is none (or it cannot be read).</summary>
    private (long Id, string Hash)? AnchoredHead()
    {
        var line = File.Exists(secrets.AnchorPath)
            ? File.ReadLines(secrets.AnchorPath).LastOrDefault(l => l.Length > 0)
            : null;
        return line?.Split(' ') is [var idText, var hash] && long.TryParse(idText, out var id) ? (id, hash) : null;
    }

    /// <summary>After a commit: the new head to the anchor file, and the count of rows appended.</summary>
    private async Task AnchoredAsync(AuditEvent head, int rows, CancellationToken ct)
    {
        telemetry.AuditAppends.Add(rows);
        await AnchorAsync(head, ct);
    }

    /// <summary>Appends the new head to the anchor file, outside the database.</summary>
    private async Task AnchorAsync(AuditEvent head, CancellationToken ct) =>
        await File.AppendAllTextAsync(secrets.AnchorPath, $"{head.Id} {head.Hash}{Environment.NewLine}", ct);

    public void Dispose() => gate.Dispose();
}
