using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portal.Data;

/// <summary>
/// Lets SQLite itself wait for a lock (<c>PRAGMA busy_timeout</c>) on every connection the portal opens. Without it
/// Microsoft.Data.Sqlite retries a locked write by sleeping 150 ms a time: under a steady writer (the order drain) a
/// second writer (the webhook receiver) almost never finds the lock free when it wakes, waits out its whole command
/// timeout and fails; measured: webhook inserts failing after 30 s while orders were captured. SQLite's own handler
/// retries within milliseconds, so the waiter gets the lock as soon as the holder commits.
/// </summary>
public sealed class SqliteBusyTimeout(TimeSpan timeout) : DbConnectionInterceptor
{
    private readonly string _pragma = "PRAGMA busy_timeout = " + ((long)timeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + ";";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
