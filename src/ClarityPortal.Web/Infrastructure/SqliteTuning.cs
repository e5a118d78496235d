using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ClarityPortal.Web.Infrastructure;

/// <summary>
/// How the portal uses a SQLite file under load (docs/performance.md, "Patients reading"):
/// <list type="bullet">
/// <item>Each connection waits for another's write lock inside SQLite (<c>busy_timeout</c>, sleeps of a few
/// milliseconds) instead of being told "busy" at once: Microsoft.Data.Sqlite then retries only after sleeping
/// 150 ms on a pool thread, and with 200 patients reporting, two writes meeting was common. That sleep was the long
/// tail of the report times.</item>
/// <item>The file is in WAL mode, so readers and the one writer do not wait for each other. EF Core creates new files
/// that way; a file made elsewhere (a restore, a copy) is switched at start.</item>
/// </list>
/// Commits stay fully synchronous (an fsync per commit, about 0.3 ms here): a clinic's records must survive a power
/// cut.
/// </summary>
public sealed class SqliteTuning : DbConnectionInterceptor
{
    public static readonly SqliteTuning Instance = new();

    /// <summary>How long a statement waits for another connection's lock before it fails.</summary>
    public const int BusyTimeoutMilliseconds = 5_000;

    /// <summary>Pooled connections keep their native handle: the pragma runs once per handle, not per open.</summary>
    private readonly ConditionalWeakTable<object, object> tuned = [];

    private SqliteTuning() { }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
        Tune(connection);

    public override Task ConnectionOpenedAsync(
        DbConnection connection,
        ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default
    )
    {
        Tune(connection);
        return Task.CompletedTask;
    }

    private void Tune(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } sqlite || tuned.TryGetValue(handle, out _))
        {
            return;
        }

        using var command = sqlite.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds};";
        command.ExecuteNonQuery();
        tuned.AddOrUpdate(handle, handle);
    }

    /// <summary>Puts the file in WAL mode (a no-op if it is; an in-memory database keeps its own mode).</summary>
    public static async Task UseWriteAheadLogAsync(DbConnection connection, CancellationToken ct = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        await command.ExecuteScalarAsync(ct);
    }
}
