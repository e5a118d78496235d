using System.Security.Claims;
using ClarityPortal.Data;
using ClarityPortal.Data.Audit;
using ClarityPortal.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;

namespace ClarityPortal.Web.Infrastructure.Audit;

/// <summary>Appends events to the hash-chained audit log.</summary>
/// <remarks>
/// Appends are serialized in this process so each row links to the one before it. Running several instances
/// against one database needs a database-side lock here (see docs/adr/0003-audit-hash-chain.md).
/// </remarks>
public sealed class AuditLog(IDbContextFactory<ClarityDbContext> dbFactory, TimeProvider clock) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public Task RecordAsync(
        ClaimsPrincipal? actor,
        string action,
        string subject,
        string details = "",
        CancellationToken ct = default
    )
    {
        var actorId = actor?.Identity?.IsAuthenticated == true ? PortalUser.Id(actor) : null;
        var actorName =
            actor?.Identity?.IsAuthenticated == true ? actor.Identity.Name ?? actorId ?? "unknown" : "anonymous";
        return RecordAsync(actorId, actorName, action, subject, details, ct);
    }

    public async Task RecordAsync(
        string? actorId,
        string actor,
        string action,
        string subject,
        string details = "",
        CancellationToken ct = default
    )
    {
        await gate.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var previous =
                await db.AuditEvents.OrderByDescending(e => e.Id).Select(e => e.Hash).FirstOrDefaultAsync(ct)
                ?? AuditChain.Genesis;
            var row = new AuditEvent
            {
                At = clock.GetUtcNow().UtcDateTime,
                ActorId = actorId,
                Actor = Truncate(actor, 256),
                Action = Truncate(action, 100),
                Subject = Truncate(subject, 256),
                Details = Truncate(details, 4000),
                PreviousHash = previous,
            };
            row.Hash = AuditChain.ComputeHash(row);
            db.AuditEvents.Add(row);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Walks the whole chain in id order, streaming rows. Callers authorize (only admins verify).</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var walker = new AuditChain.Walker();
        await foreach (
            var e in db.AuditEvents.AsNoTracking().OrderBy(e => e.Id).AsAsyncEnumerable().WithCancellation(ct)
        )
        {
            if (!walker.Accept(e))
            {
                break;
            }
        }

        return walker.Result;
    }

    public void Dispose() => gate.Dispose();

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
