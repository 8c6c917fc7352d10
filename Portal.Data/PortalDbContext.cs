using System.Linq.Expressions;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Portal.Data.Conventions;
using Portal.Data.Identity;
using Portal.Data.Tenancy;
using Portal.Domain.Catalog;
using Portal.Domain.Customers;
using Portal.Domain.Integrations;
using Portal.Domain.Organizations;
using Portal.Domain.Reference;
using Portal.Domain.Sales;
using Portal.Domain.Stock;

namespace Portal.Data;

/// <summary>
/// The one context: Identity, Data Protection keys and the merchant's data. Two sealed subclasses exist only so that
/// each provider has its own migration set (EF's "multiple context types" pattern).
/// </summary>
public abstract class PortalDbContext(DbContextOptions options) : IdentityDbContext<PortalUser>(options), IDataProtectionKeyContext
{
    private ITenantContext _tenant = FixedTenant.None;

    /// <summary>Set once, right after creation, by the tenant-aware factory. Read by the query filter and the save guard.</summary>
    public ITenantContext Tenant
    {
        get => _tenant;
        set => _tenant = value ?? throw new ArgumentNullException(nameof(value));
    }

    // Referenced by the global query filters; EF re-evaluates it for every query of this context instance.
    public int? CurrentOrganizationId => _tenant.Access == TenantAccess.None ? null : _tenant.OrganizationId;

    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<SupportAuditEntry> SupportAudit => Set<SupportAuditEntry>();
    public DbSet<SubmissionRecord> Submissions => Set<SubmissionRecord>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Product> Products => Set<Product>();
    public DbSet<ProductFamily> ProductFamilies => Set<ProductFamily>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Brand> Brands => Set<Brand>();

    public DbSet<Location> Locations => Set<Location>();
    public DbSet<StockBalance> StockBalances => Set<StockBalance>();
    public DbSet<StockMovement> StockMovements => Set<StockMovement>();
    public DbSet<StockAllocation> StockAllocations => Set<StockAllocation>();
    public DbSet<StockChange> StockChanges => Set<StockChange>();

    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<CustomerCreditEntry> CustomerCredits => Set<CustomerCreditEntry>();

    public DbSet<TaxRule> TaxRules => Set<TaxRule>();
    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<PaymentTerm> PaymentTerms => Set<PaymentTerm>();
    public DbSet<Carrier> Carriers => Set<Carrier>();
    public DbSet<SalesRepresentative> SalesRepresentatives => Set<SalesRepresentative>();
    public DbSet<PriceTierName> PriceTierNames => Set<PriceTierName>();
    public DbSet<OrganizationSalesSettings> SalesSettings => Set<OrganizationSalesSettings>();

    public DbSet<Sale> Sales => Set<Sale>();
    public DbSet<SaleLine> SaleLines => Set<SaleLine>();
    public DbSet<SaleCharge> SaleCharges => Set<SaleCharge>();
    public DbSet<SalePayment> SalePayments => Set<SalePayment>();
    public DbSet<SaleTrackingNumber> SaleTrackingNumbers => Set<SaleTrackingNumber>();
    public DbSet<SaleAssembly> SaleAssemblies => Set<SaleAssembly>();
    public DbSet<CreditNote> CreditNotes => Set<CreditNote>();
    public DbSet<InvoiceSequence> InvoiceSequences => Set<InvoiceSequence>();

    public DbSet<ConnectedStore> Stores => Set<ConnectedStore>();
    public DbSet<PendingStoreAuthorization> PendingStoreAuthorizations => Set<PendingStoreAuthorization>();
    public DbSet<WebhookInboxEntry> WebhookInbox => Set<WebhookInboxEntry>();
    public DbSet<StoreActivity> StoreActivity => Set<StoreActivity>();
    public DbSet<StoreProductLink> StoreProductLinks => Set<StoreProductLink>();
    public DbSet<CatalogOperation> CatalogOperations => Set<CatalogOperation>();
    public DbSet<StockChangeAcknowledgement> StockChangeAcknowledgements => Set<StockChangeAcknowledgement>();
    public DbSet<Portal.Domain.Orders.PendingOrder> PendingOrders => Set<Portal.Domain.Orders.PendingOrder>();
    public DbSet<Portal.Domain.Orders.OrderLogEntry> OrderLog => Set<Portal.Domain.Orders.OrderLogEntry>();
    public DbSet<ShipmentTrackingExport> TrackingExports => Set<ShipmentTrackingExport>();
    public DbSet<StoreRefund> StoreRefunds => Set<StoreRefund>();
    public DbSet<Portal.Domain.Orders.StoreConsolidationRun> ConsolidationRuns => Set<Portal.Domain.Orders.StoreConsolidationRun>();
    public DbSet<SaleHeldPayment> SaleHeldPayments => Set<SaleHeldPayment>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<decimal>().HaveConversion<FixedPointDecimalConverter>();
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
        ApplyTenantFilters(builder);
        RowVersions.Configure(builder);
    }

    private void ApplyTenantFilters(ModelBuilder builder)
    {
        foreach (var entityType in builder.Model.GetEntityTypes())
        {
            var clr = entityType.ClrType;
            if (!typeof(IOrganizationOwned).IsAssignableFrom(clr) || entityType.BaseType is not null || entityType.IsOwned())
            {
                continue;
            }

            // e => e.OrganizationId == this.CurrentOrganizationId
            var e = Expression.Parameter(clr, "e");
            var body = Expression.Equal(
                Expression.Convert(Expression.Property(e, nameof(IOrganizationOwned.OrganizationId)), typeof(int?)),
                Expression.Property(Expression.Constant(this), nameof(CurrentOrganizationId)));
            builder.Entity(clr).HasQueryFilter(Expression.Lambda(body, e));
            builder.Entity(clr).HasIndex(nameof(IOrganizationOwned.OrganizationId));

            // No cascade: SQL Server refuses the many cascade paths it would create, and organizations are not deleted.
            builder.Entity(clr).HasOne(typeof(Organization)).WithMany()
                .HasForeignKey(nameof(IOrganizationOwned.OrganizationId)).OnDelete(DeleteBehavior.Restrict);

            // A hand-built entity carrying this organization's id but another organization's primary key would pass
            // the guard below; as a concurrency token the organization id joins the WHERE clause of every UPDATE and
            // DELETE, so such a write matches no row and fails.
            builder.Entity(clr).Property(nameof(IOrganizationOwned.OrganizationId)).IsConcurrencyToken();
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        GuardTenant();
        RowVersions.Stamp(ChangeTracker);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        GuardTenant();
        RowVersions.Stamp(ChangeTracker);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// The query filter hides other organizations' rows, but <c>Update</c>, <c>Attach</c> or <c>Remove</c> of an entity
    /// built by hand bypasses it. Every owned row written must belong to the current organization, and support staff
    /// never write.
    /// </summary>
    private void GuardTenant()
    {
        foreach (var entry in ChangeTracker.Entries<IOrganizationOwned>())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }

            var typeName = entry.Metadata.ClrType.Name;
            if (_tenant.Access != TenantAccess.Organization || _tenant.OrganizationId is not { } current)
            {
                throw new TenantIsolationException(_tenant.Access == TenantAccess.SupportReadOnly
                    ? $"Support access is read-only: a {typeName} cannot be changed."
                    : $"A {typeName} cannot be written without an organization.");
            }

            if (entry.State == EntityState.Added && entry.Entity.OrganizationId == 0)
            {
                entry.Entity.OrganizationId = current;
            }

            var property = entry.Property(e => e.OrganizationId);
            var original = entry.State == EntityState.Added ? property.CurrentValue : property.OriginalValue;
            if (property.CurrentValue != current || original != current)
            {
                throw new TenantIsolationException($"A {typeName} of another organization cannot be changed.");
            }

            CaseInsensitiveKey.Fill(entry);
        }
    }
}

public sealed class SqlitePortalDbContext(DbContextOptions<SqlitePortalDbContext> options) : PortalDbContext(options);

public sealed class SqlServerPortalDbContext(DbContextOptions<SqlServerPortalDbContext> options) : PortalDbContext(options);
