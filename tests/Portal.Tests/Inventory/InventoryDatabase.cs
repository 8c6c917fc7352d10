using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.Domain.Organizations;
using Portal.Domain.Sales;
using Portal.Domain.Stock;
using Portal.Features.Catalog;
using Portal.Features.Common;
using Portal.Features.Sales;
using Portal.Features.Stock;

namespace Portal.Tests.Inventory;

/// <summary>
/// A real, migrated SQLite file in WAL mode (readers and one writer at once, as in production), with the handlers
/// wired to it. Contexts can carry interceptors (to force interleavings) or come from a model without the
/// concurrency tokens (to show what the tokens prevent).
/// </summary>
public sealed class InventoryDatabase : IPortalDbContextFactory, IAsyncDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"portal-inventory-{Guid.NewGuid():N}.db");

    private InventoryDatabase()
    {
        var unitOfWork = new UnitOfWork(this);
        Stock = new StockOperations(unitOfWork, Clock);
        Sales = new SaleOperations(unitOfWork, Clock);
        Catalog = new ProductCatalog(unitOfWork);
        Availability = new AvailabilityQuery(this);
        Changes = new StockChangeFeed(this, Clock);
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 14, 9, 30, 0, TimeSpan.Zero));
    public List<IInterceptor> Interceptors { get; } = [];

    /// <summary>Builds contexts from a model without the Version tokens of stock balances and sales.</summary>
    public bool WithoutVersionTokens { get; set; }

    public StockOperations Stock { get; }
    public SaleOperations Sales { get; }
    public ProductCatalog Catalog { get; }
    public AvailabilityQuery Availability { get; }
    public StockChangeFeed Changes { get; }

    public string ConnectionString =>
        new SqliteConnectionStringBuilder { DataSource = _path, Pooling = false, DefaultTimeout = 60 }.ToString();

    public static async Task<InventoryDatabase> CreateAsync()
    {
        var database = new InventoryDatabase();
        await using var db = database.Create(FixedTenant.None);
        await db.Database.MigrateAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        return database;
    }

    public PortalDbContext Create(ITenantContext tenant)
    {
        PortalDbContext db = WithoutVersionTokens
            ? new NoVersionTokenContext(Options<NoVersionTokenContext>())
            : new SqlitePortalDbContext(Options<SqlitePortalDbContext>());
        db.Tenant = tenant;
        return db;
    }

    public PortalDbContext For(int organizationId) => Create(FixedTenant.For(organizationId));

    public async Task<int> CreateOrganizationAsync(string name = "Acme")
    {
        await using var db = Create(FixedTenant.None);
        var organization = Organization.Create(name, "USD", "Europe/London", Clock.GetUtcNow().UtcDateTime);
        db.Organizations.Add(organization);
        await db.SaveChangesAsync();
        return organization.Id;
    }

    /// <summary>Sum of the ledger and the stored balance of one product at one location.</summary>
    public async Task<(decimal Balance, decimal Ledger)> StockOfAsync(int organizationId, int productId, int locationId)
    {
        await using var db = For(organizationId);
        var balance = await db.StockBalances.Where(b => b.ProductId == productId && b.LocationId == locationId)
            .Select(b => (decimal?)b.OnHand).SingleOrDefaultAsync() ?? 0m;
        var ledger = await db.StockMovements.Where(m => m.ProductId == productId && m.LocationId == locationId)
            .SumAsync(m => (decimal?)m.Quantity) ?? 0m;
        return (balance, ledger);
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_path + suffix);
        }

        return ValueTask.CompletedTask;
    }

    private DbContextOptions<T> Options<T>() where T : DbContext =>
        new DbContextOptionsBuilder<T>()
            .UseSqlite(ConnectionString, s => s.MigrationsAssembly(typeof(PortalDbContext).Assembly.FullName))
            .UseApplicationServiceProvider(PortalDataServiceCollectionExtensions.IdentityModelServices)
            .AddInterceptors(Interceptors)
            .Options;
}

/// <summary>The production model with the guard removed: neither balances nor sales carry their Version token.</summary>
public sealed class NoVersionTokenContext(DbContextOptions<NoVersionTokenContext> options) : PortalDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<StockBalance>().Property(b => b.Version).IsConcurrencyToken(false);
        builder.Entity<Sale>().Property(s => s.Version).IsConcurrencyToken(false);
    }
}

/// <summary>
/// Holds the first <c>parties</c> saves until all of them have reached SaveChanges, so every one of them has read
/// before any writes: the interleaving that optimistic concurrency must survive, made certain instead of lucky.
/// </summary>
public sealed class SaveBarrier(int parties) : SaveChangesInterceptor
{
    private readonly Barrier _barrier = new(parties);
    private int _arrived;

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Increment(ref _arrived) <= _barrier.ParticipantCount)
        {
            await Task.Run(() => _barrier.SignalAndWait(TimeSpan.FromSeconds(30)), cancellationToken).ConfigureAwait(false);
        }

        return result;
    }
}
