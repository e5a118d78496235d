using System.Security.Claims;
using ClarityPortal.Data;
using ClarityPortal.Data.Audit;
using ClarityPortal.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ClarityPortal.Web.Infrastructure.Audit;

/// <summary>
/// A change and the audit rows that record it, in one database transaction: either both are stored or neither.
/// Get one from <see cref="AuditLog.BeginAsync"/>, make the change on the same context, record what happened, then
/// <see cref="CommitAsync"/>. Disposing without committing rolls the
/// change back, so a change can never land unaudited.
/// </summary>
public sealed class AuditedChange : IAsyncDisposable
{
    private readonly ClarityDbContext db;
    private readonly IDbContextTransaction transaction;
    private readonly Func<AuditEvent, int, CancellationToken, Task> anchor;
    private readonly Action release;
    private readonly byte[] key;
    private readonly TimeProvider clock;
    private readonly List<AuditEvent> pending = [];
    private bool done;
    private bool released;

    internal AuditedChange(
        ClarityDbContext db,
        IDbContextTransaction transaction,
        byte[] key,
        TimeProvider clock,
        Func<AuditEvent, int, CancellationToken, Task> anchor,
        Action release
    )
    {
        this.db = db;
        this.transaction = transaction;
        this.key = key;
        this.clock = clock;
        this.anchor = anchor;
        this.release = release;
    }

    /// <summary>The context the change is made on (its transaction is this change's).</summary>
    public ClarityDbContext Db => db;

    /// <summary>Whether anything was recorded and not yet committed.</summary>
    public bool HasRecords => pending.Count > 0 && !done;

    public void Record(ClaimsPrincipal? actor, string action, string subject, string details = "")
    {
        var signedIn = actor?.Identity?.IsAuthenticated == true;
        var actorId = signedIn ? PortalUser.Id(actor!) : null;
        var actorName = signedIn ? actor!.Identity!.Name ?? actorId ?? "unknown" : "anonymous";
        Record(actorId, actorName, action, subject, details);
    }

    public void Record(string? actorId, string actor, string action, string subject, string details = "")
    {
        ObjectDisposedException.ThrowIf(done, this);
        pending.Add(
            new AuditEvent
            {
                At = clock.GetUtcNow().UtcDateTime,
                ActorId = actorId,
                Actor = Truncate(actor, 256),
                Action = Truncate(action, 100),
                Subject = Truncate(subject, 256),
                Details = Truncate(details, 4000),
            }
        );
    }

    /// <summary>Saves the change and its audit rows chained to the newest row, commits, then anchors the head.
    /// </summary>
    public async Task CommitAsync(CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(done, this);
        if (pending.Count == 0)
        {
            throw new InvalidOperationException("A change was committed without recording what it was.");
        }

        var previous =
            await db.AuditEvents.OrderByDescending(e => e.Id).Select(e => e.Hash).FirstOrDefaultAsync(ct)
            ?? AuditChain.Genesis;
        foreach (var row in pending)
        {
            row.PreviousHash = previous;
            row.Hash = AuditChain.ComputeHash(row, key);
            previous = row.Hash;
            db.AuditEvents.Add(row);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        done = true;
        try
        {
            await anchor(pending[^1], pending.Count, ct);
        }
        finally
        {
            await DisposeAsync(); // lets the next change in at once, not when the caller's scope ends
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (released)
        {
            return;
        }

        released = true;
        done = true;
        try
        {
            await transaction.DisposeAsync(); // rolls back when not committed
        }
        finally
        {
            release();
        }
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
