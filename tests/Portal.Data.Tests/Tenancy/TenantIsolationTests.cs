using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Portal.Data.Identity;
using Portal.Data.Tenancy;
using Portal.Domain.Organizations;

namespace Portal.Data.Tests.Tenancy;

/// <summary>
/// Derived from the model, so an entity added later is covered without touching this file: every type that
/// belongs to an organization must carry the query filter, the guard and the concurrency token.
/// </summary>
public sealed class TenantIsolationTests
{
    // Types that carry an organization id but are deliberately outside the filter, each for a stated reason.
    private static readonly Dictionary<Type, string> Exempt = new()
    {
        [typeof(PortalUser)] = "sign-in looks users up before a tenant is known; UserAdministration checks membership",
        [typeof(SupportAuditEntry)] = "the support audit spans organizations by design and is written by SupportAccess only",
    };

    public static TheoryData<string> OwnedEntityTypes()
    {
        var data = new TheoryData<string>();
        foreach (var type in OwnedTypes())
        {
            data.Add(type.ClrType.FullName!);
        }

        return data;
    }

    private static IEnumerable<IEntityType> OwnedTypes()
    {
        using var db = PortalContexts.Sqlite("Data Source=:memory:");
        return db.Model.GetEntityTypes()
            .Where(t => typeof(IOrganizationOwned).IsAssignableFrom(t.ClrType) && !t.IsOwned() && t.BaseType is null)
            .ToList();
    }

    [Fact]
    public void Model_WhenAnEntityHasAnOrganizationId_ThenItIsOrganizationOwnedOrExplicitlyExempt()
    {
        using var db = PortalContexts.Sqlite("Data Source=:memory:");
        var unguarded = db.Model.GetEntityTypes()
            .Where(t => t.FindProperty(nameof(IOrganizationOwned.OrganizationId)) is not null)
            .Where(t => !typeof(IOrganizationOwned).IsAssignableFrom(t.ClrType) && !Exempt.ContainsKey(t.ClrType))
            .Select(t => t.ClrType.Name)
            .ToList();

        unguarded.ShouldBeEmpty("implement IOrganizationOwned, or exempt the type here with a reason");
    }

    [Theory]
    [MemberData(nameof(OwnedEntityTypes))]
    public void Model_WhenTypeIsOrganizationOwned_ThenHasTheTenantFilterAndConcurrencyToken(string typeName)
    {
        using var db = PortalContexts.Sqlite("Data Source=:memory:");
        var entityType = db.Model.GetEntityTypes().Single(t => t.ClrType.FullName == typeName);

        var filter = entityType.GetDeclaredQueryFilters().SingleOrDefault()?.Expression;
        filter.ShouldNotBeNull($"{typeName} has no query filter");
        filter.ToString().ShouldContain(nameof(PortalDbContext.CurrentOrganizationId));
        entityType.FindProperty(nameof(IOrganizationOwned.OrganizationId))!.IsConcurrencyToken.ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(OwnedEntityTypes))]
    public void SaveChanges_WhenAddingARowOfAnotherOrganization_ThenRefusesBeforeTouchingTheDatabase(string typeName)
    {
        using var db = PortalContexts.Sqlite("Data Source=:memory:");
        db.Tenant = FixedTenant.For(1);
        var entity = NewEntity(db, typeName, organizationId: 2);
        db.Entry(entity).State = EntityState.Added;

        Should.Throw<TenantIsolationException>(() => db.SaveChanges());
    }

    [Theory]
    [MemberData(nameof(OwnedEntityTypes))]
    public void SaveChanges_WhenUpdatingOrDeletingARowOfAnotherOrganization_ThenRefuses(string typeName)
    {
        foreach (var state in new[] { EntityState.Modified, EntityState.Deleted })
        {
            using var db = PortalContexts.Sqlite("Data Source=:memory:");
            db.Tenant = FixedTenant.For(1);
            var entity = NewEntity(db, typeName, organizationId: 2);
            SetKey(db, entity);
            db.Entry(entity).State = state;

            Should.Throw<TenantIsolationException>(() => db.SaveChanges(), $"{state} of {typeName}");
        }
    }

    [Theory]
    [MemberData(nameof(OwnedEntityTypes))]
    public void SaveChanges_WhenSupportReadsAnOrganization_ThenAnyWriteIsRefused(string typeName)
    {
        using var db = PortalContexts.Sqlite("Data Source=:memory:");
        db.Tenant = FixedTenant.SupportReading(1);
        var entity = NewEntity(db, typeName, organizationId: 1);
        db.Entry(entity).State = EntityState.Added;

        Should.Throw<TenantIsolationException>(() => db.SaveChanges()).Message.ShouldContain("read-only");
    }

    [Theory]
    [MemberData(nameof(OwnedEntityTypes))]
    public void SaveChanges_WhenNoOrganizationIsSet_ThenAnyWriteIsRefused(string typeName)
    {
        using var db = PortalContexts.Sqlite("Data Source=:memory:");
        var entity = NewEntity(db, typeName, organizationId: 1);
        db.Entry(entity).State = EntityState.Added;

        Should.Throw<TenantIsolationException>(() => db.SaveChanges());
    }

    [Fact]
    public void Model_WhenInspected_ThenHasOrganizationOwnedTypes() =>
        // Guards the theories above against passing vacuously on an empty list.
        OwnedTypes().ShouldNotBeEmpty();

    // The guard runs before EF validates or sends anything, so an uninitialised instance is enough to prove it.
    private static IOrganizationOwned NewEntity(PortalDbContext db, string typeName, int organizationId)
    {
        var clr = db.Model.GetEntityTypes().Single(t => t.ClrType.FullName == typeName).ClrType;
        var entity = (IOrganizationOwned)RuntimeHelpers.GetUninitializedObject(clr);
        entity.OrganizationId = organizationId;
        return entity;
    }

    private static void SetKey(PortalDbContext db, object entity)
    {
        var key = db.Model.FindEntityType(entity.GetType())!.FindPrimaryKey()!;
        foreach (var property in key.Properties)
        {
            var value = Convert.ChangeType(42, Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType, System.Globalization.CultureInfo.InvariantCulture);
            if (property.PropertyInfo is { CanWrite: true } info)
            {
                info.SetValue(entity, value);
            }
            else if (property.FieldInfo is { } field)
            {
                field.SetValue(entity, value);
            }
        }
    }
}
