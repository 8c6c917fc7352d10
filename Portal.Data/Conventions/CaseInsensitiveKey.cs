using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Data.Conventions;

/// <summary>
/// Case-insensitive uniqueness that behaves the same on SQLite and SQL Server: a shadow column holding the value
/// upper-cased by .NET (<c>ToUpperInvariant</c>, full Unicode) carries the unique index. Collations were rejected:
/// SQLite's NOCASE folds ASCII only and SQL Server's depends on the database's collation, so "Ä" and "ä" would be
/// one SKU on one provider and two on the other. The context fills the column on every save of an added or
/// modified row; set-based updates (ExecuteUpdate) of the source column must set it too.
/// </summary>
public static class CaseInsensitiveKey
{
    public const string Annotation = "Portal:UpperCaseOf";

    /// <summary>Adds the shadow column "{Property}Key" and a unique index on (OrganizationId, it).</summary>
    public static PropertyBuilder<string> HasCaseInsensitiveUniqueKey<T>(
        this EntityTypeBuilder<T> builder, string property, int maxLength)
        where T : class
    {
        var key = KeyName(property);
        var column = builder.Property<string>(key).HasMaxLength(maxLength).IsRequired();
        column.Metadata.SetAnnotation(Annotation, property);
        builder.HasIndex("OrganizationId", key).IsUnique();
        return column;
    }

    public static string KeyName(string property) => property + "Key";

    /// <summary>The stored form of a value, for queries that search or compare through the key column.</summary>
    public static string Normalize(string? value) => (value ?? "").ToUpperInvariant();

    internal static void Fill(EntityEntry entry)
    {
        if (entry.State is not (EntityState.Added or EntityState.Modified))
        {
            return;
        }

        foreach (var property in entry.Metadata.GetProperties())
        {
            if (property.FindAnnotation(Annotation)?.Value is string source)
            {
                var value = Normalize(entry.Property(source).CurrentValue as string);
                var target = entry.Property(property.Name);
                if (!Equals(target.CurrentValue, value))
                {
                    target.CurrentValue = value;
                }
            }
        }
    }

    internal static bool HasKeys(IEntityType type) =>
        type.GetProperties().Any(p => p.FindAnnotation(Annotation) is not null);
}
