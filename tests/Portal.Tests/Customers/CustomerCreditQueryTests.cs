using Microsoft.EntityFrameworkCore;
using Portal.Domain.Customers;
using Portal.Domain.Sales;
using Portal.Features.Customers;
using Portal.Tests.Inventory;

namespace Portal.Tests.Customers;

/// <summary>Customer credit stored and added up on a real SQLite file, one organization never seeing another's.</summary>
public sealed class CustomerCreditQueryTests : IAsyncLifetime
{
    private InventoryDatabase _database = null!;
    private InventorySeed _seed = null!;

    public async Task InitializeAsync()
    {
        _database = await InventoryDatabase.CreateAsync();
        _seed = await InventorySeed.CreateAsync(_database);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task BalancesAsync_WhenTwoSalesWereOverpaid_ThenTheCustomersCreditIsTheirSum()
    {
        await OverpayAsync(_seed, 0.01m);
        await OverpayAsync(_seed, 2.00m);

        await using var db = _database.For(_seed.Org);
        (await CustomerCreditQuery.BalancesAsync(db, [_seed.Customer], default)).ShouldBe(new Dictionary<int, decimal> { [_seed.Customer] = 2.01m });
        var entries = await CustomerCreditQuery.EntriesAsync(db, _seed.Customer, default);
        entries.Select(e => (e.Amount, e.Source)).ShouldBe([(2.00m, CustomerCreditSource.Overpayment), (0.01m, CustomerCreditSource.Overpayment)]);
    }

    [Fact]
    public async Task BalancesAsync_WhenAnotherOrganizationsCustomerHasCredit_ThenItIsNotSeen()
    {
        var other = await InventorySeed.CreateAsync(_database, "Other");
        await OverpayAsync(other, 5m);

        await using var db = _database.For(_seed.Org);
        (await CustomerCreditQuery.BalancesAsync(db, [_seed.Customer, other.Customer], default)).ShouldBeEmpty();
        (await db.CustomerCredits.CountAsync()).ShouldBe(0);
    }

    private async Task OverpayAsync(InventorySeed seed, decimal excess)
    {
        var created = await _database.Sales.CreateAsync(seed.Tenant, seed.Sale((seed.Widget, 1m)), false, AutoAssemblyMode.None, AutoFulfilmentMode.None);
        created.Succeeded.ShouldBeTrue(created.Error);
        await using var db = _database.For(seed.Org);
        var sale = await db.Sales.SingleAsync(s => s.Id == created.Value!.SaleId);
        var split = sale.KeepExcessAsCredit(sale.Total + excess, _database.Clock.GetUtcNow().UtcDateTime);
        split.Payable.ShouldBe(sale.Total);
        db.CustomerCredits.Add(split.Credit!);
        await db.SaveChangesAsync();
    }
}
