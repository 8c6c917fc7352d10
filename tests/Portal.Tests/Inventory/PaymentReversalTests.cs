using Microsoft.EntityFrameworkCore;
using Portal.Domain.Sales;

namespace Portal.Tests.Inventory;

/// <summary>A recorded payment is reversed with a reason: kept and shown as reversed, and the balance due restored.</summary>
public sealed class PaymentReversalTests
{
    [Fact]
    public async Task ReversePayment_WithAReason_ThenThePaymentIsMarkedReversedAndTheBalanceDueIsRestored()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);
        var saleId = await InvoicedSaleAsync(database, seed);
        var paidAt = database.Clock.GetUtcNow().UtcDateTime;
        (await database.Sales.RecordPaymentAsync(seed.Tenant, saleId, seed.Bank, 10m, paidAt, "transfer")).Succeeded.ShouldBeTrue();
        var paymentId = await PaymentIdAsync(database, seed, saleId);

        var reversed = await database.Sales.ReversePaymentAsync(seed.Tenant, saleId, paymentId, " Transfer bounced ");
        var twice = await database.Sales.ReversePaymentAsync(seed.Tenant, saleId, paymentId, "again");

        reversed.Succeeded.ShouldBeTrue();
        twice.Error.ShouldBe("The payment of 10.00 was already reversed.");
        await using var db = database.For(seed.Org);
        var sale = await db.Sales.Include(s => s.Payments).SingleAsync(s => s.Id == saleId);
        sale.AmountPaid.ShouldBe(0m);
        var payment = sale.Payments.ShouldHaveSingleItem();
        (payment.IsReversed, payment.ReversalReason, payment.ReversedAt).ShouldBe((true, "Transfer bounced", paidAt));
        // The whole invoice can be paid again once the reversed payment no longer counts.
        (await database.Sales.RecordPaymentAsync(seed.Tenant, saleId, seed.Bank, sale.Total, paidAt, null)).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task ReversePayment_WithoutAReason_ThenRefusedOnTheReasonFieldAndThePaymentStands()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);
        var saleId = await InvoicedSaleAsync(database, seed);
        (await database.Sales.RecordPaymentAsync(seed.Tenant, saleId, seed.Bank, 10m, database.Clock.GetUtcNow().UtcDateTime, null)).Succeeded.ShouldBeTrue();

        var refused = await database.Sales.ReversePaymentAsync(seed.Tenant, saleId, await PaymentIdAsync(database, seed, saleId), "  ");

        refused.FieldErrors.ShouldHaveSingleItem().Field.ShouldBe("Reason");
        await using var db = database.For(seed.Org);
        (await db.Sales.SingleAsync(s => s.Id == saleId)).AmountPaid.ShouldBe(10m);
    }

    private static async Task<int> InvoicedSaleAsync(InventoryDatabase database, InventorySeed seed)
    {
        (await database.Stock.AdjustAsync(seed.Tenant, seed.Widget, seed.Warehouse, 5m, "count")).Succeeded.ShouldBeTrue();
        var saleId = (await database.Sales.CreateAsync(seed.Tenant, seed.Sale((seed.Widget, 2m)), placeOrder: true,
            AutoAssemblyMode.None, AutoFulfilmentMode.None)).Value!.SaleId;
        (await database.Sales.AuthoriseInvoiceAsync(seed.Tenant, saleId)).Succeeded.ShouldBeTrue();
        return saleId;
    }

    private static async Task<int> PaymentIdAsync(InventoryDatabase database, InventorySeed seed, int saleId)
    {
        await using var db = database.For(seed.Org);
        return await db.Set<SalePayment>().Where(p => p.SaleId == saleId).Select(p => p.Id).SingleAsync();
    }
}
