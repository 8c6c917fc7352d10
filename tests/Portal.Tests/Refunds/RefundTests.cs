using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Portal.Data;
using Portal.Domain.Integrations;
using Portal.Domain.Sales;
using Portal.Features.Integrations;
using Portal.Features.Orders;
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
        // 60 totes, 50 in stock: the automatic pick waits for the whole sale, so it stays unfulfilled although the store
        // picks, packs and ships automatically.
        var (orderId, saleId) = await world.ShippedSaleAsync(AutoFulfilmentMode.PickPackShip,
            beforeCapture: id => world.World.ChangeStoreOrder(id, o => o.OfKind("line_item").Single(i => i.ProductId == OrderWorld.ToteId).Quantity = 60));
        (await world.SaleAsync(saleId)).PickStatus.ShouldBe(StageStatus.Draft);
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

        await world.ConfigureSalesAsync(AutoFulfilmentMode.PickPack, authoriseInvoice: true);
        var saleId = await world.ProcessAsync(orderId);
        (await world.SweepAsync()).ShouldBe(1);
        (await world.SweepAsync()).ShouldBe(0);

        (await world.SaleAsync(saleId)).CreditNotes.ShouldHaveSingleItem().Total.ShouldBe(4m);
    }

    [Fact]
    public async Task RefundOnAConsolidatedDay_WhenOneOrderOfTheDayIsRefunded_ThenACreditNoteAndRestockOnTheDaysSale()
    {
        await using var world = await RefundWorld.CreateAsync(fx);
        await world.ConfigureSalesAsync(AutoFulfilmentMode.PickPack, authoriseInvoice: true, s =>
        {
            s.Consolidation = Consolidation.Daily;
            s.ConsolidationTime = new TimeOnly(18, 0);
        });
        var refunded = await world.World.CheckoutAsync(paid: true, lines: [(OrderWorld.ShirtId, 2)]);
        await world.World.CheckoutAsync(paid: true, lines: [(OrderWorld.ToteId, 1)]);
        await world.World.DrainAsync();
        var day = await world.World.WithAsync(sp => new ConsolidateOrders(sp.GetRequiredService<IPortalDbContextFactory>(),
                new FakeTimeProvider(new DateTimeOffset(2027, 3, 20, 18, 0, 0, TimeSpan.Zero)), NullLogger<ConsolidateOrders>.Instance)
            .RunStoreAsync(world.World.OrganizationId, world.World.Store.Id, CancellationToken.None));
        day.ShouldNotBeNull().Orders.ShouldBe(2);
        var saleId = day.SaleId.ShouldNotBeNull();
        var shirts = await world.OnHandAsync(world.World.Shirt);

        await world.World.ControlAsync($"orders/{refunded}/refund", new { line_items = new[] { new { id = world.LineId(refunded, OrderWorld.ShirtId), quantity = 1 } } });
        await world.World.DrainAsync();

        var sale = await world.SaleAsync(saleId);
        sale.WooOrderId.ShouldBeNull("the day's sale stands for both orders");
        var note = sale.CreditNotes.ShouldHaveSingleItem();
        note.Lines.ShouldHaveSingleItem().Amount.ShouldBe(world.LineTotal(refunded, OrderWorld.ShirtId) / 2);
        note.RestockLines.ShouldHaveSingleItem().Quantity.ShouldBe(1m);
        (await world.OnHandAsync(world.World.Shirt)).ShouldBe(shirts + 1m);
        var refund = (await world.RefundsAsync()).ShouldHaveSingleItem();
        (refund.Status, refund.SaleId).ShouldBe((StoreRefundStatus.Applied, (int?)saleId));
        (await world.LogTextAsync(refunded)).ShouldContain("Credit note applied");
    }

    [Fact]
    public async Task RefundOfAnOrderOlderThanTheConnection_WhenDelivered_ThenASaleWithoutLinesCarriesTheCreditAndLoadOrdersFillsIt()
    {
        await using var world = await RefundWorld.CreateAsync(fx);
        var orderId = await world.EarlierOrderAsync();
        await world.World.DrainAsync();
        (await world.World.LogAsync()).ShouldBeEmpty("automatic capture leaves an order older than the connection out");
        var shirts = await world.OnHandAsync(world.World.Shirt);

        await world.World.ControlAsync($"orders/{orderId}/refund", new { reason = "worn", line_items = new[] { new { id = world.LineId(orderId, OrderWorld.ShirtId), quantity = 1 } } });
        await world.World.DrainAsync();

        var carrier = await world.SaleOfAsync(orderId);
        carrier.RefundsOnly.ShouldBeTrue();
        (carrier.Lines.Count, carrier.Charges.Count, carrier.Total).ShouldBe((0, 0, 0m));
        var note = carrier.CreditNotes.ShouldHaveSingleItem();
        note.Lines.ShouldHaveSingleItem().Amount.ShouldBe(world.LineTotal(orderId, OrderWorld.ShirtId) / 2);
        note.RestockLines.ShouldBeEmpty();
        (note.RefundAccountId, note.RefundAmount).ShouldBe((world.BankAccount, note.Total));
        (await world.OnHandAsync(world.World.Shirt)).ShouldBe(shirts, "nothing was sold here, so nothing comes back");
        (await world.RefundsAsync()).ShouldHaveSingleItem().Note.ShouldNotBeNull().ShouldContain("predates the store's connection");
        (await world.SweepAsync()).ShouldBe(0, "the restock waits for the order itself");
        await world.World.DrainAsync();
        (await world.SaleOfAsync(orderId)).CreditNotes.Count.ShouldBe(1, "a refund seen again is not credited twice");

        var load = await LoadOrdersRuns.RunAsync(world.World, world.CreatedBeforeConnection.AddMinutes(-1));
        load.Captured.ShouldBeGreaterThanOrEqualTo(1);
        (await world.World.LogAsync()).ShouldContain(e => e.WooOrderId == orderId && e.PendingOrderId != null);
        (await OrderSalesTests.ProcessAsync(world.World)).ShouldBeGreaterThanOrEqualTo(1);
        var picked = await world.OnHandAsync(world.World.Shirt);
        (await world.SweepAsync()).ShouldBe(1, "the sale is picked now: the restock follows");

        var sale = await world.SaleOfAsync(orderId);
        sale.Id.ShouldBe(carrier.Id, "the loaded order fills the sale that carried its refund");
        sale.RefundsOnly.ShouldBeFalse();
        sale.Lines.Count.ShouldBe(2);
        sale.Payments.ShouldHaveSingleItem().Amount.ShouldBe(sale.Total, "the payment is owed in full: the refund was paid out on its own");
        sale.CreditNotes.Count.ShouldBe(2);
        sale.CreditNotes.SelectMany(c => c.RestockLines).ShouldHaveSingleItem().Quantity.ShouldBe(1m);
        sale.AmountCredited.ShouldBe(note.Total, "the restock note credits nothing more");
        (await world.OnHandAsync(world.World.Shirt)).ShouldBe(picked + 1m, "one of the two shirts picked comes back");
        (await world.RefundsAsync()).ShouldHaveSingleItem().Status.ShouldBe(StoreRefundStatus.Applied);
        (await world.World.LogAsync()).Single(e => e.WooOrderId == orderId).SaleId.ShouldBe(sale.Id);
        await using var db = world.World.Db();
        (await db.CustomerCredits.CountAsync()).ShouldBe(0);
        (await db.Sales.CountAsync(s => s.WooOrderId == orderId)).ShouldBe(1);
    }

    [Fact]
    public async Task RefundOfAnOrderOlderThanTheConnection_WhenTheWholeOrderIsRefunded_ThenTheLinelessSaleIsCreditedAndTheRefundIsDone()
    {
        await using var world = await RefundWorld.CreateAsync(fx);
        var orderId = await world.EarlierOrderAsync();
        await world.World.DrainAsync();
        var totes = await world.OnHandAsync(world.World.Tote);

        await world.World.ControlAsync($"orders/{orderId}/refund", new { reason = "lost in the post" });
        await world.World.DrainAsync();

        var sale = await world.SaleOfAsync(orderId);
        sale.RefundsOnly.ShouldBeTrue();
        var note = sale.CreditNotes.ShouldHaveSingleItem();
        var line = note.Lines.ShouldHaveSingleItem();
        line.Description.ShouldContain("the whole order");
        line.Amount.ShouldBeGreaterThan(0m);
        note.RestockLines.ShouldBeEmpty();
        (await world.OnHandAsync(world.World.Tote)).ShouldBe(totes);
        var refund = (await world.RefundsAsync()).ShouldHaveSingleItem();
        refund.Status.ShouldBe(StoreRefundStatus.Applied, "a refunded order is never loaded: nothing is left to wait for");
        (await world.SweepAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task RefundOfAnOrderOlderThanTheConnection_WhenLoadedFirstAndRefundedFoundByPolling_ThenTheFullSaleIsCreditedAndRestocked()
    {
        await using var world = await RefundWorld.CreateAsync(fx);
        var orderId = await world.EarlierOrderAsync();
        await world.World.DrainAsync();
        (await LoadOrdersRuns.RunAsync(world.World, world.CreatedBeforeConnection.AddMinutes(-1))).Captured.ShouldBeGreaterThanOrEqualTo(1);
        (await OrderSalesTests.ProcessAsync(world.World)).ShouldBeGreaterThanOrEqualTo(1);
        var shirts = await world.OnHandAsync(world.World.Shirt);
        await world.World.ControlAsync("webhooks/pause");

        await world.World.ControlAsync($"orders/{orderId}/refund", new { line_items = new[] { new { id = world.LineId(orderId, OrderWorld.ShirtId), quantity = 2 } } });
        await world.World.PollAsync();

        var sale = await world.SaleOfAsync(orderId);
        sale.RefundsOnly.ShouldBeFalse();
        sale.Lines.Count.ShouldBe(2);
        var note = sale.CreditNotes.ShouldHaveSingleItem();
        note.RestockLines.ShouldHaveSingleItem().Quantity.ShouldBe(2m);
        (await world.OnHandAsync(world.World.Shirt)).ShouldBe(shirts + 2m);
        (await world.RefundsAsync()).ShouldHaveSingleItem().Status.ShouldBe(StoreRefundStatus.Applied);
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
            var world = new RefundWorld(await OrderWorld.CreateAsync(fx)) { _ignoreRestock = ignoreRestock };
            await using var db = world.World.Db();
            world.BankAccount = await OrderSalesTests.PaymentAccountAsync(world.World);
            world.TaxFreeRule = await db.TaxRules.Where(t => t.Rate == 0m).OrderBy(t => t.Id).Select(t => t.Id).FirstAsync();
            await world.ConfigureSalesAsync(AutoFulfilmentMode.PickPack, authoriseInvoice: true);
            return world;
        }

        private bool _ignoreRestock;

        /// <summary>The store's orders become sales at once (the real path: capture, then processing) with this
        /// automation and invoice status; bacs is mapped to the bank account, Tax Free is the 0 % rule.</summary>
        public Task ConfigureSalesAsync(AutoFulfilmentMode fulfilment, bool authoriseInvoice, Action<StoreSettings>? change = null) =>
            OrderSalesTests.ConfigureForSalesAsync(World, s =>
            {
                change?.Invoke(s);
                s.TaxFreeRuleId = TaxFreeRule;
                s.ShippingTaxRuleId = World.TaxRule;
                s.ProcessOrdersAutomatically = true;
                s.Fulfilment = fulfilment;
                s.InvoiceStatus = authoriseInvoice ? InvoiceStatus.Authorised : InvoiceStatus.Draft;
                s.IgnoreRestockForNonFulfilled = _ignoreRestock;
            });

        public DateTime CreatedBeforeConnection => DateTime.SpecifyKind(World.Store.ConnectedAtUtc, DateTimeKind.Utc).AddMinutes(-5);

        /// <summary>A paid order (two shirts, a tote) the store holds from before it was connected: placed while the
        /// store's webhooks were held, dated five minutes before the connection, then the held deliveries sent.</summary>
        public async Task<long> EarlierOrderAsync()
        {
            await World.ControlAsync("webhooks/pause");
            var orderId = await World.CheckoutAsync(paid: true);
            World.ChangeStoreOrder(orderId, o =>
            {
                o.CreatedUtc = CreatedBeforeConnection;
                o.PaidUtc = CreatedBeforeConnection;
            });
            await World.ControlAsync("webhooks/resume");
            return orderId;
        }

        public async Task<Sale> SaleOfAsync(long orderId)
        {
            await using var db = World.Db();
            return await db.Sales.AsNoTracking().AsSplitQuery().Include(s => s.Lines).Include(s => s.Charges).Include(s => s.CreditNotes)
                .Include(s => s.Payments).SingleAsync(s => s.WooOrderId == orderId);
        }

        /// <summary>Processing makes the captured order's sale; its id.</summary>
        public async Task<int> ProcessAsync(long orderId)
        {
            (await OrderSalesTests.ProcessAsync(World)).ShouldBeGreaterThanOrEqualTo(1);
            return (await OrderSalesTests.SaleAsync(World, orderId)).Id;
        }

        /// <summary>A shopper's paid order captured and made into its sale by processing, with the store's automation
        /// (picked and packed by default) and, by default, its invoice authorised.</summary>
        public async Task<(long OrderId, int SaleId)> ShippedSaleAsync(AutoFulfilmentMode fulfilment = AutoFulfilmentMode.PickPack, bool authoriseInvoice = true,
            Action<long>? beforeCapture = null)
        {
            await ConfigureSalesAsync(fulfilment, authoriseInvoice);
            var orderId = await World.CheckoutAsync(paid: true);
            beforeCapture?.Invoke(orderId);
            await World.DrainAsync();
            return (orderId, await ProcessAsync(orderId));
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
