using Microsoft.EntityFrameworkCore;
using Portal.Domain.Customers;
using Portal.Domain.Sales;
using Portal.Features.Common;

namespace Portal.Tests.Inventory;

/// <summary>
/// A payment above the balance due, once the user confirmed it: the payable part and the customer's credit are saved
/// together, exactly once per form; a balance changed since the confirmation is refused, nothing saved.
/// </summary>
public sealed class OverpaymentCreditTests
{
    [Fact]
    public async Task RecordPayment_WhenConfirmedAndSubmittedTwice_ThenOnePaymentOfTheBalanceAndOneCreditEntry()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);
        var (saleId, due) = await InvoicedSaleAsync(database, seed);
        var token = SubmissionToken.New();
        var paidAt = database.Clock.GetUtcNow().UtcDateTime;

        var first = await database.Sales.RecordPaymentAsync(seed.Tenant, saleId, seed.Bank, due + 7.25m, paidAt, "cheque 88",
            submission: token, keepAsCredit: 7.25m);
        var second = await database.Sales.RecordPaymentAsync(seed.Tenant, saleId, seed.Bank, due + 7.25m, paidAt, "cheque 88",
            submission: token, keepAsCredit: 7.25m);

        (first.Succeeded, second.Succeeded).ShouldBe((true, true), first.Error ?? second.Error);
        await using var db = database.For(seed.Org);
        var sale = await db.Sales.Include(s => s.Payments).SingleAsync(s => s.Id == saleId);
        (sale.AmountPaid, sale.BalanceDue).ShouldBe((due, 0m));
        sale.Payments.ShouldHaveSingleItem().Amount.ShouldBe(due);
        var credit = (await db.CustomerCredits.ToListAsync()).ShouldHaveSingleItem();
        (credit.CustomerId, credit.Amount, credit.Source, credit.SaleId, credit.AtUtc)
            .ShouldBe((seed.Customer, 7.25m, CustomerCreditSource.Overpayment, saleId, paidAt));
    }

    [Fact]
    public async Task RecordPayment_WhenAboveTheBalanceWithoutConfirmation_ThenRefusedOnTheAmountAndNothingSaved()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);
        var (saleId, due) = await InvoicedSaleAsync(database, seed);

        var refused = await database.Sales.RecordPaymentAsync(seed.Tenant, saleId, seed.Bank, due + 1m, database.Clock.GetUtcNow().UtcDateTime, null);

        refused.FieldErrors.ShouldHaveSingleItem().Message
            .ShouldBe($"The payment of {due + 1m:N2} is more than the balance due of {due:N2}: keep {1m:N2} as the customer's credit, or record at most {due:N2}.");
        await AssertNothingPaidAsync(database, seed, saleId);
    }

    [Fact]
    public async Task RecordPayment_WhenTheBalanceChangedAfterTheConfirmation_ThenRefusedNamingTheNewFigureAndNothingSaved()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);
        var (saleId, due) = await InvoicedSaleAsync(database, seed);
        var paidAt = database.Clock.GetUtcNow().UtcDateTime;

        // The user confirmed keeping 5.00 of (due + 5) as credit; someone recorded 3.00 meanwhile.
        (await database.Sales.RecordPaymentAsync(seed.Tenant, saleId, seed.Bank, 3m, paidAt, "other")).Succeeded.ShouldBeTrue();
        var refused = await database.Sales.RecordPaymentAsync(seed.Tenant, saleId, seed.Bank, due + 5m, paidAt, null, keepAsCredit: 5m);

        refused.FieldErrors.ShouldHaveSingleItem().Message
            .ShouldBe($"The balance due is now {due - 3m:N2}, so {8m:N2} would be kept as credit, not {5m:N2}: confirm the new figure.");
        await using var db = database.For(seed.Org);
        (await db.Sales.Include(s => s.Payments).SingleAsync(s => s.Id == saleId)).Payments.ShouldHaveSingleItem().Amount.ShouldBe(3m);
        (await db.CustomerCredits.CountAsync()).ShouldBe(0);
    }

    private static async Task AssertNothingPaidAsync(InventoryDatabase database, InventorySeed seed, int saleId)
    {
        await using var db = database.For(seed.Org);
        (await db.Sales.Include(s => s.Payments).SingleAsync(s => s.Id == saleId)).Payments.ShouldBeEmpty();
        (await db.CustomerCredits.CountAsync()).ShouldBe(0);
    }

    private static async Task<(int SaleId, decimal Due)> InvoicedSaleAsync(InventoryDatabase database, InventorySeed seed)
    {
        (await database.Stock.AdjustAsync(seed.Tenant, seed.Widget, seed.Warehouse, 5m, "count")).Succeeded.ShouldBeTrue();
        var saleId = (await database.Sales.CreateAsync(seed.Tenant, seed.Sale((seed.Widget, 2m)), placeOrder: true,
            AutoAssemblyMode.None, AutoFulfilmentMode.None)).Value!.SaleId;
        (await database.Sales.AuthoriseInvoiceAsync(seed.Tenant, saleId)).Succeeded.ShouldBeTrue();
        await using var db = database.For(seed.Org);
        return (saleId, (await db.Sales.SingleAsync(s => s.Id == saleId)).BalanceDue);
    }
}
