using ClarityPortal.Data.Audit;
using ClarityPortal.Web.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClarityPortal.IntegrationTests.Audit;

/// <summary>Each way of tampering with the audit log, against a real SQLite file, is found by verify-audit.</summary>
public class AuditIntegrityTests : IAsyncLifetime
{
    private readonly PortalFactory portal = new();
    private List<long> ids = [];

    private AuditLog Log => portal.Services.GetRequiredService<AuditLog>();

    private string AnchorPath => portal.Services.GetRequiredService<AuditSecrets>().AnchorPath;

    public async Task InitializeAsync()
    {
        for (var i = 1; i <= 5; i++)
        {
            await Log.RecordAsync("staff-1", "clinician@example.org", AuditActions.PatientViewed, $"patient {i}");
        }

        ids = await portal.WithDbAsync(db => db.AuditEvents.OrderBy(e => e.Id).Select(e => e.Id).ToListAsync());
    }

    public async Task DisposeAsync() => await portal.DisposeAsync();

    private Task<int> SqlAsync(string sql) => portal.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql));

    /// <summary>What someone with the database but not the key can do: re-chain every row with plain SHA-256.</summary>
    private Task<int> RechainWithoutTheKeyAsync(string? details) =>
        portal.WithDbAsync(async db =>
        {
            var rows = await db.AuditEvents.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
            var previous = AuditChain.Genesis;
            foreach (var row in rows)
            {
                row.Details = details ?? row.Details;
                row.PreviousHash = previous;
                row.Hash = AuditChain.LegacyHash(row);
                previous = row.Hash;
                await db.Database.ExecuteSqlAsync(
                    $"""
                    UPDATE AuditEvents SET Details = {row.Details}, PreviousHash = {row.PreviousHash},
                    Hash = {row.Hash} WHERE Id = {row.Id}
                    """
                );
            }

            return rows.Count;
        });

    private async Task<(int ExitCode, string Output)> VerifyCommandAsync()
    {
        using var output = new StringWriter();
        var code = await AuditCommand.RunAsync(portal.Services, output);
        return (code, output.ToString());
    }

    [Fact]
    public async Task AnUntouchedLogVerifiesAndTheCommandExitsZero()
    {
        var (code, output) = await VerifyCommandAsync();

        Assert.Equal(0, code);
        Assert.Contains($"intact: {ids.Count} rows", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAlteredRowIsNamed()
    {
        await SqlAsync($"UPDATE AuditEvents SET Details = 'nothing to see' WHERE Id = {ids[^3]}");

        var result = await Log.VerifyAsync();
        var (code, output) = await VerifyCommandAsync();

        Assert.Equal(ids[^3], result.FirstBrokenId);
        Assert.Equal(2, code);
        Assert.Contains($"row {ids[^3]}", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARowDeletedFromTheMiddleBreaksTheLinkAfterIt()
    {
        await SqlAsync($"DELETE FROM AuditEvents WHERE Id = {ids[^3]}");

        Assert.Equal(ids[^2], (await Log.VerifyAsync()).FirstBrokenId);
    }

    [Fact]
    public async Task AnInsertedRowIsNamed()
    {
        var last = await portal.WithDbAsync(db => db.AuditEvents.OrderBy(e => e.Id).LastAsync());
        var forged = new AuditEvent
        {
            At = DateTime.UtcNow,
            Actor = "nobody",
            Action = AuditActions.PatientViewed,
            Subject = "inserted",
            PreviousHash = last.Hash,
        };
        forged.Hash = AuditChain.LegacyHash(forged); // all that can be computed without the key
        await portal.WithDbAsync(db =>
        {
            db.AuditEvents.Add(forged);
            return db.SaveChangesAsync();
        });

        Assert.Equal(forged.Id, (await Log.VerifyAsync()).FirstBrokenId);
    }

    [Fact]
    public async Task CuttingTheNewestRowsIsFoundThroughTheAnchor()
    {
        await SqlAsync($"DELETE FROM AuditEvents WHERE Id >= {ids[^2]}");

        var result = await Log.VerifyAsync();
        var (code, output) = await VerifyCommandAsync();

        Assert.False(result.Intact);
        Assert.Equal(ids[^1], result.FirstBrokenId);
        Assert.Equal(2, code);
        Assert.Contains("missing", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RewritingTheWholeTableWithoutTheKeyIsFound()
    {
        await RechainWithoutTheKeyAsync("rewritten");

        Assert.Equal(ids[0], (await Log.VerifyAsync()).FirstBrokenId);
    }

    [Fact]
    public async Task AChainWrittenBeforeKeysIsResealedOnceWhenItVerifiesAsItWas()
    {
        await RechainWithoutTheKeyAsync(null); // how the first version sealed rows, before any anchor existed
        File.Delete(AnchorPath);
        Assert.False((await Log.VerifyAsync()).Intact);

        await Log.UpgradeUnkeyedChainAsync();

        Assert.True((await Log.VerifyAsync()).Intact);
        await Log.RecordAsync("staff-1", "clinician@example.org", AuditActions.PatientViewed, "after the upgrade");
        Assert.True((await Log.VerifyAsync()).Intact);
    }

    [Fact]
    public async Task AChainRewrittenWithoutTheKeyAfterItWasSealedIsNeverResealed()
    {
        await RechainWithoutTheKeyAsync("laundered");

        await Log.UpgradeUnkeyedChainAsync(); // as at the next start

        var result = await Log.VerifyAsync();
        Assert.False(result.Intact);
        Assert.Equal(ids[0], result.FirstBrokenId);
    }

    [Fact]
    public async Task AMissingAnchorIsReportedNotIgnored()
    {
        File.Delete(AnchorPath);

        var result = await Log.VerifyAsync();

        Assert.False(result.Intact);
        Assert.Contains("anchor", result.Reason, StringComparison.Ordinal);
    }
}
