using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Portal.Domain;

namespace Portal.Data.Conventions;

/// <summary>
/// Optimistic concurrency for <see cref="IVersioned"/> rows: the Version is a concurrency token (in the WHERE clause
/// of every UPDATE and DELETE), and every save of a changed row gives it a new one. An edit made under the version a
/// page showed goes through <see cref="SaveUnder"/>; a row someone else saved meanwhile is then refused.
/// </summary>
public static class RowVersions
{
    internal static void Configure(ModelBuilder builder)
    {
        foreach (var entityType in builder.Model.GetEntityTypes())
        {
            if (typeof(IVersioned).IsAssignableFrom(entityType.ClrType) && entityType.BaseType is null)
            {
                builder.Entity(entityType.ClrType).Property(nameof(IVersioned.Version)).IsConcurrencyToken();
            }
        }
    }

    /// <summary>A new version for every added or changed row that was not given one by <see cref="SaveUnder"/>.</summary>
    internal static void Stamp(ChangeTracker tracker)
    {
        foreach (var entry in tracker.Entries<IVersioned>())
        {
            var version = entry.Property(e => e.Version);
            if (entry.State == EntityState.Added || (entry.State == EntityState.Modified && !version.IsModified))
            {
                version.CurrentValue = Guid.NewGuid();
            }
        }
    }

    /// <summary>
    /// Saves <paramref name="row"/> only if it is still at <paramref name="expected"/> (the version the page showed;
    /// null: no check): refused at once when the row read now is at another version, and by the database when
    /// someone saves between this read and this write. The row is marked changed even when only its children
    /// (prices, images) changed, so its version moves with them.
    /// </summary>
    public static void SaveUnder(DbContext db, IVersioned row, Guid? expected, string what)
    {
        var version = db.Entry(row).Property<Guid>(nameof(IVersioned.Version));
        if (expected is { } shown)
        {
            if (version.CurrentValue != shown)
            {
                throw new EditConflictException(what);
            }

            version.OriginalValue = shown;
        }

        version.CurrentValue = Guid.NewGuid();
        version.IsModified = true;
    }
}
