using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Data.Configurations;

internal static class ValueRows
{
    /// <summary>
    /// A list of values owned by one row, stored in a table of its own with a surrogate key: the domain replaces
    /// such lists as a whole, which then is a plain delete + insert, with no key that could collide.
    /// </summary>
    public static OwnedNavigationBuilder<TOwner, TValue> StoredAsRows<TOwner, TValue>(
        this OwnedNavigationBuilder<TOwner, TValue> builder, string table, string ownerKey)
        where TOwner : class
        where TValue : class
    {
        builder.ToTable(table);
        builder.WithOwner().HasForeignKey(ownerKey);
        builder.Property<int>("Id");
        builder.HasKey("Id");
        return builder;
    }
}
