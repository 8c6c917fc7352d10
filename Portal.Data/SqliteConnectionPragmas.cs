using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portal.Data;

/// <summary>
/// The per-connection SQLite settings, applied on every connection the portal opens:
/// <list type="bullet">
/// <item><c>busy_timeout</c>: SQLite itself waits for a lock. Without it Microsoft.Data.Sqlite retries a locked write by
/// sleeping 150 ms a time: under a steady writer (the order drain) a second writer (the webhook receiver) almost never
/// finds the lock free when it wakes, waits out its whole command timeout and fails; measured: webhook inserts failing
/// after 30 s while orders were captured. SQLite's own handler retries within milliseconds.</item>
/// <item><c>synchronous = NORMAL</c> (with the WAL journal set at start-up): a commit no longer waits for an fsync of
/// the log, only checkpoints do. A killed process loses nothing committed; only an OS crash or power loss can lose the
/// last commits, and the store's orders then come back through polling, whose watermark rolls back with them (ADR 0013).
/// Measured: webhook deliveries went from tens a second to over a thousand.</item>
/// </list>
/// </summary>
public sealed class SqliteConnectionPragmas(TimeSpan busyTimeout) : DbConnectionInterceptor
{
    private readonly string _pragmas = "PRAGMA busy_timeout = " + ((long)busyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)
        + "; PRAGMA synchronous = NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
