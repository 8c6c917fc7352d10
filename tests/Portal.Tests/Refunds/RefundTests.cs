using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Integrations;
using Portal.Domain.Sales;
using Portal.Features.Integrations;
using Portal.Features.Refunds;
using Portal.Features.Sales;
using Portal.Tests.Integrations;
using Portal.Tests.Orders;

namespace Portal.Tests.Refunds;

/// <summary>Refunds made in the store (the emulator over real sockets) become credit notes, restock and the money paid
/// out on the order's sale, each WooCommerce refund once.</summary>
public sealed class RefundTests(StorePortalFixture fx) : IClassFixture<StorePortalFixture>
{
    [Fact]
    public async Task LineRefund_WhenOneOfTwoShirtsIsRefunded_ThenOneCreditLineOneRestockAndTheRefundPaymentFromTheGatewaysAccount()
    {
        await using var world = await RefundWorld.CreateAsync(fx);
        var (orderId, saleId) = await world.ShippedSaleAsync();
        var onHand = await world.OnHandAsync(world.World.Shirt);

        await world.World.ControlAsync($"orders/{orderId}/refund", new { reason = "too small", line_items = new[] { new { id = world.LineId(orderId, OrderWorld.ShirtId), quantity = 1 } } });
        await world.World.DrainAsync();

        var sale = await world.SaleAsync(saleId);
        var note = sale.CreditNotes.ShouldHaveSingleItem();
        var line = note.Lines.ShouldHaveSingleItem();
        line.Amount.ShouldBe(world.LineTotal(orderId, OrderWorld.ShirtId) / 2);
        line.Description.ShouldContain("SHIRT-OXF-001");
        note.RestockLines.ShouldHaveSingleItem().Quantity.ShouldBe(1m);
        (note.RefundAccountId, note.RefundAmount).ShouldBe((world.BankAccount, note.Total));
        (await world.OnHandAsync(world.World.Shirt)).ShouldBe(onHand + 1m);
        var refund = (await world.RefundsAsync()).ShouldHaveSingleItem();
        refund.Status.ShouldBe(StoreRefundStatus.Applied);
        (await world.LogTextAsync(orderId)).ShouldContain("Credit note applied");
    }

    [Fact]
    public async Task FullRefund_WhenTheWholeOrderIsRefundedWithoutLines_ThenEveryLineAndShippingIsCreditedAndAllPickedComesBack()
    {
        await using var world = await RefundWorld.CreateAsync(fx);
        var (orderId, saleId) = await world.ShippedSaleAsync();
        var shirts = await world.OnHandAsync(world.World.Shirt);
        var totes = await world.OnHandAsync(world.World.Tote);

        await world.World.ControlAsync($"orders/{orderId}/refund", new { reason = "cancelled by phone" });
        await world.World.DrainAsync();

        var sale = await world.SaleAsync(saleId);
        var note = sale.CreditNotes.ShouldHaveSingleItem();
        note.Lines.Count.ShouldBe(3, "two product lines and the shipping charge");
        note.Total.ShouldBe(sale.Total);
        sale.BalanceDue.ShouldBe(-sale.AmountPaid);
        note.RestockLines.Select(r => (r.ProductId, r.Quantity)).OrderBy(r => r.ProductId)
            .ShouldBe(new[] { (world.World.Shirt, 2m), (world.World.Tote, 1m) }.OrderBy(r => r.Item1));
        (await world.OnHandAsync(world.World.Shirt)).ShouldBe(shirts + 2m);
        (await world.OnHandAsync(world.World.Tote)).ShouldBe(totes + 1m);
    }

    [Fact]
    public async Task AmountRefund_WhenOnlyAnAmountIsRefunded_ThenOneTaxFreeLineAndNoRestock()
    {
        await using var world = await RefundWorld.CreateAsync(fx);
        var (orderId, saleId) = await world.ShippedSaleAsync();
        var onHand = await world.OnHandAsync(world.World.Shirt);

        await world.World.ControlAsync($"orders/{orderId}/refund", new { amount = "5.00", reason = "goodwill" });
        await world.World.DrainAsync();

        var note = (await world.SaleAsync(saleId)).CreditNotes.ShouldHaveSingleItem();
        var line = note.Lines.ShouldHaveSingleItem();
        (line.Amount, line.Tax.Amount, line.Tax.TaxRuleId).ShouldBe((5m, 0m, (int?)world.TaxFreeRule));
        line.Description.ShouldContain("goodwill");
        note.RestockLines.ShouldBeEmpty();
        (await world.OnHandAsync(world.World.Shirt)).ShouldBe(onHand);
    }

    [Fact]
    public async Task SeveralRefunds_WhenSeenAgainAndAgain_ThenEachRefundIsOneCreditNote()
    {
        await using var world = await RefundWorld.CreateAsync(fx);
        var (orderId, saleId) = await world.ShippedSaleAsync();

        await world.World.ControlAsync($"orders/{orderId}/refund", new { line_items = new[] { new { id = world.LineId(orderId, OrderWorld.ToteId), quantity = 1 } } });
        await world.World.ControlAsync($"orders/{orderId}/refund", new { amount = "2.50", reason = "late" });
        await world.World.DrainAsync();
        await world.World.PollAsync();
        await world.World.DrainAsync();
        // The same order read again, as a repeated delivery or Load Orders would.
        await world.SeeAgainAsync(orderId);
        await world.SeeAgainAsync(orderId);

        var sale = await world.SaleAsync(saleId);
        sale.CreditNotes.Count.ShouldBe(2);
        sale.CreditNotes.SelectMany(c => c.RestockLines).ShouldHaveSingleItem().ProductId.ShouldBe(world.World.Tote);
        sale.CreditNotes.SelectMany(c => c.Lines).ShouldContain(l => l.Amount == 2.5m);
        (await world.RefundsAsync()).Select(r => r.Status).ShouldBe([StoreRefundStatus.Applied, StoreRefundStatus.Applied]);
    }

    [Fact]
    public async Task DraftInvoice_WhenRefunded_ThenTheCreditNoteWaitsAndIsAppliedOnceTheInvoiceIsAuthorised()
    {
        await using var world = await RefundWorld.CreateAsync(fx);
        var (orderId, saleId) = await world.ShippedSaleAsync(authoriseInvoice: false);

        await world.World.ControlAsync($"orders/{orderId}/refund", new { amount = "3.00" });
        await world.World.DrainAsync();

        (await world.SaleAsync(saleId)).CreditNotes.ShouldBeEmpty();
        (await world.RefundsAsync()).ShouldHaveSingleItem().Status.ShouldBe(StoreRefundStatus.WaitingForInvoice);
        (await world.LogTextAsync(orderId)).ShouldContain("invoice is Draft");
        (await world.SweepAsync()).ShouldBe(0, "still Draft");

        await world.AuthoriseInvoiceAsync(saleId);
        (await world.SweepAsync()).ShouldBe(1);
        (await world.SweepAsync()).ShouldBe(0);

        (await world.SaleAsync(saleId)).CreditNotes.ShouldHaveSingleItem().Total.ShouldBe(3m);
        (await world.RefundsAsync()).ShouldHaveSingleItem().Status.ShouldBe(StoreRefundStatus.Applied);
    }

    [Fact]
    public async Task Unfulfilled_WhenIgnoreRestockIsOff_ThenPendingFulfilmentAndTheRestockFollowsThePick()
    {
        await using var world = await RefundWorld.CreateAsync(fx);
        var (orderId, saleId) = await world.ShippedSaleAsync(fulfilment: AutoFulfilmentMode.None);

        await world.World.ControlAsync($"orders/{orderId}/refund", new { line_items = new[] { new { id = world.LineId(orderId, OrderWorld.ShirtId), quantity = 2 } } });
        await world.World.DrainAsync();

        var note = (await world.SaleAsync(saleId)).CreditNotes.ShouldHaveSingleItem();
        note.RestockLines.ShouldBeEmpty("nothing was picked");
        (await world.RefundsAsync()).ShouldHaveSingleItem().Status.ShouldBe(StoreRefundStatus.PendingFulfilment);
        (await world.LogTextAsync(orderId)).ShouldContain("Pending fulfilment");
        (await world.SweepAsync()).ShouldBe(0);

        var picked = await world.World.WithAsync(sp => sp.GetRequiredService<SaleOperations>().AuthorisePickAsync(world.World.Tenant, saleId));
        picked.Succeeded.ShouldBeTrue(picked.Error);
        var onHand = await world.OnHandAsync(world.World.Shirt);
        (await world.SweepAsync()).ShouldBe(1);

        var sale = await world.SaleAsync(saleId);
        sale.CreditNotes.Count.ShouldBe(2);
        sale.RestockedQuantity(world.World.Shirt).ShouldBe(2m);
        sale.AmountCredited.ShouldBe(note.Total, "the restock note credits nothing more");
        (await world.OnHandAsync(world.World.Shirt)).ShouldBe(onHand + 2m);
        (await world.RefundsAsync()).ShouldHaveSingleItem().Status.ShouldBe(StoreRefundStatus.Applied);
    }

    [Fact]
    public async Task Unfulfilled_WhenIgnoreRestockIsOn_ThenTheRestockIsCutToWhatWasFulfilled()
    {
        await using var world = await RefundWorld.CreateAsync(fx, ignoreRestock: true);
        var (orderId, saleId) = await world.ShippedSaleAsync(fulfilment: AutoFulfilmentMode.None);
        var onHand = await world.OnHandAsync(world.World.Shirt);

        await world.World.ControlAsync($"orders/{orderId}/refund", new { line_items = new[] { new { id = world.LineId(orderId, OrderWorld.ShirtId), quantity = 2 } } });
        await world.World.DrainAsync();

        var note = (await world.SaleAsync(saleId)).CreditNotes.ShouldHaveSingleItem();
        note.RestockLines.ShouldBeEmpty();
        note.Lines.ShouldHaveSingleItem();
        var refund = (await world.RefundsAsync()).ShouldHaveSingleItem();
        refund.Status.ShouldBe(StoreRefundStatus.Applied);
        refund.Note.ShouldNotBeNull().ShouldContain("restock cut to what was fulfilled");
        (await world.OnHandAsync(world.World.Shirt)).ShouldBe(onHand);
    }

    [Fact]
    public async Task NoSaleYet_WhenRefunded_ThenTheRefundWaitsForTheSaleAndIsAppliedOnce()
    {
        await using var world = await RefundWorld.CreateAsync(fx);
        var orderId = await world.World.CheckoutAsync(paid: true);
        await world.World.DrainAsync();
        await world.World.ControlAsync($"orders/{orderId}/refund", new { amount = "4.00" });
        await world.World.DrainAsync();
        (await world.RefundsAsync()).ShouldHaveSingleItem().Status.ShouldBe(StoreRefundStatus.WaitingForSale);

        var saleId = await OrderSalesByHand.CreateAsync(world.World, orderId, AutoFulfilmentMode.PickPack);
        await world.AuthoriseInvoiceAsync(saleId);
        (await world.SweepAsync()).ShouldBe(1);
        (await world.SweepAsync()).ShouldBe(0);

        (await world.SaleAsync(saleId)).CreditNotes.ShouldHaveSingleItem().Total.ShouldBe(4m);
    }

    /// <summary>An <see cref="OrderWorld"/> whose store maps bacs to a bank account, Tax Free and shipping rules.</summary>
    private sealed class RefundWorld : IAsyncDisposable
    {
        private RefundWorld(OrderWorld world) => World = world;

        public OrderWorld World { get; }
        public int BankAccount { get; private set; }
        public int TaxFreeRule { get; private set; }

        public static async Task<RefundWorld> CreateAsync(StorePortalFixture fx, bool ignoreRestock = false)
        {
            var world = new RefundWorld(await OrderWorld.CreateAsync(fx));
            await using var db = world.World.Db();
            world.BankAccount = await db.Accounts.Where(a => a.CanReceivePayments).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync();
            world.TaxFreeRule = await db.TaxRules.Where(t => t.Rate == 0m).OrderBy(t => t.Id).Select(t => t.Id).FirstAsync();
            var store = await db.Stores.SingleAsync(s => s.Id == world.World.Store.Id);
            var settings = StoreSettings.FromJson(store.SettingsJson);
            settings.PaymentMappings = [new PaymentMapping { GatewayId = "bacs", GatewayTitle = "Direct bank transfer", AccountId = world.BankAccount }];
            settings.TaxFreeRuleId = world.TaxFreeRule;
            settings.ShippingTaxRuleId = world.World.TaxRule;
            if (ignoreRestock)
            {
                settings.Fulfilment = AutoFulfilmentMode.PickPackShip;
                settings.IgnoreRestockForNonFulfilled = true;
            }

            store.SettingsJson = settings.ToJson();
            await db.SaveChangesAsync();
            return world;
        }

        /// <summary>A shopper's paid order captured, its sale made (picked and packed) and, by default, invoiced.</summary>
        public async Task<(long OrderId, int SaleId)> ShippedSaleAsync(AutoFulfilmentMode fulfilment = AutoFulfilmentMode.PickPack, bool authoriseInvoice = true)
        {
            var orderId = await World.CheckoutAsync(paid: true);
            await World.DrainAsync();
            var saleId = await OrderSalesByHand.CreateAsync(World, orderId, fulfilment);
            if (authoriseInvoice)
            {
                await AuthoriseInvoiceAsync(saleId);
            }

            return (orderId, saleId);
        }

        public async Task AuthoriseInvoiceAsync(int saleId)
        {
            var result = await World.WithAsync(sp => sp.GetRequiredService<SaleOperations>().AuthoriseInvoiceAsync(World.Tenant, saleId));
            result.Succeeded.ShouldBeTrue(result.Error);
        }

        public long LineId(long orderId, int productId)
        {
            lock (World.Emulator.Store.Sync)
            {
                return World.Emulator.Store.Order((int)orderId)!.Items.Single(i => i.Kind == "line_item" && i.ProductId == productId).Id;
            }
        }

        public decimal LineTotal(long orderId, int productId)
        {
            lock (World.Emulator.Store.Sync)
            {
                return World.Emulator.Store.Order((int)orderId)!.Items.Single(i => i.Kind == "line_item" && i.ProductId == productId).Total;
            }
        }

        public async Task SeeAgainAsync(long orderId) =>
            await World.WithAsync(async sp =>
            {
                var order = await sp.GetRequiredService<Portal.WooCommerce.StoreClients>().For(World.Store).GetOrderAsync(orderId);
                await sp.GetRequiredService<ApplyStoreRefunds>().SeenAsync(World.Store, order, CancellationToken.None);
                return true;
            });

        public Task<int> SweepAsync() =>
            World.WithAsync(sp => sp.GetRequiredService<ApplyStoreRefunds>().SweepAsync(CancellationToken.None));

        public async Task<Sale> SaleAsync(int saleId)
        {
            await using var db = World.Db();
            return await db.Sales.AsNoTracking().AsSplitQuery().Include(s => s.Lines).Include(s => s.Charges).Include(s => s.CreditNotes)
                .SingleAsync(s => s.Id == saleId);
        }

        public async Task<List<StoreRefund>> RefundsAsync()
        {
            await using var db = World.Db();
            return await db.StoreRefunds.AsNoTracking().OrderBy(r => r.WooRefundId).ToListAsync();
        }

        public async Task<string> LogTextAsync(long orderId) =>
            (await World.LogAsync()).Single(e => e.WooOrderId == orderId).ChangesAfterCapture ?? "";

        public async Task<decimal> OnHandAsync(int productId)
        {
            await using var db = World.Db();
            return (await db.StockBalances.AsNoTracking().Where(b => b.ProductId == productId && b.LocationId == World.Warehouse)
                .Select(b => b.OnHand).ToListAsync()).Sum();
        }

        public ValueTask DisposeAsync() => World.DisposeAsync();
    }
}
