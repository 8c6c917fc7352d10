using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Integrations;
using Portal.Domain.Orders;
using Portal.Domain.Sales;
using Portal.Domain.Stock;
using Portal.Features.Integrations;
using Portal.Features.Orders;
using Portal.Features.Sales;
using Portal.Tests.Integrations;

namespace Portal.Tests.Orders;

/// <summary>Pending orders become sales (no consolidation) against the emulator over real sockets and real SQLite:
/// exactly once, with the store's customer, lines, taxes, charges, payments, automation, and voids on cancellation.</summary>
public sealed class OrderSalesTests(StorePortalFixture fx) : IClassFixture<StorePortalFixture>
{
    [Fact]
    public async Task Process_WhenTheInvoiceStaysDraft_ThenTheSaleHoldsThePaymentUntilTheInvoiceIsAuthorised()
    {
        await using var world = await SalesWorldAsync(s => s.InvoiceStatus = InvoiceStatus.Draft);
        var id = await world.CheckoutAsync(paid: true);
        await world.DrainAsync();

        (await ProcessAsync(world)).ShouldBe(1);
        (await ProcessAsync(world)).ShouldBe(0, "a pending order becomes one sale, however often processing runs");

        var sale = await SaleAsync(world, id);
        sale.Reference.ShouldBe(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        sale.InvoiceStatus.ShouldBe(StageStatus.Draft);
        sale.OrderStatus.ShouldBe(StageStatus.Authorised);
        sale.Lines.Count.ShouldBe(2);
        sale.Lines.ShouldContain(l => l.ProductId == world.Shirt && l.Quantity == 2);
        sale.Charges.ShouldContain(c => c.Amount == 10m && c.Description.StartsWith("Shipping", StringComparison.Ordinal));
        sale.Payments.ShouldBeEmpty();
        var held = sale.HeldPayments.ShouldHaveSingleItem();
        held.Amount.ShouldBe(sale.Total);
        sale.StoreTotalsWarning.ShouldBeNull();
        (await world.PendingAsync()).ShouldBeEmpty();
        var entry = (await world.LogAsync()).ShouldHaveSingleItem();
        (entry.Status, entry.SaleId, entry.PendingOrderId).ShouldBe((OrderLogStatus.Sale, sale.Id, (int?)null));
        (await world.AllocatedAsync(world.Shirt)).ShouldBe(0m, "the pending order's allocation went to the sale");
        (await SaleAllocatedAsync(world, world.Shirt)).ShouldBe(2m);
        await using (var db = world.Db())
        {
            var customer = await db.Customers.SingleAsync(c => c.Id == sale.CustomerId);
            (customer.Email, customer.Name).ShouldBe(("dana@example.test", "Dana Shopper"));
            (await db.SalesRepresentatives.SingleAsync(r => r.Id == sale.SalesRepresentativeId)).Name.ShouldBe(world.Store.Name);
        }

        var authorised = await world.WithAsync(sp => sp.GetRequiredService<SaleOperations>().AuthoriseInvoiceAsync(world.Tenant, sale.Id));
        authorised.Succeeded.ShouldBeTrue(authorised.Error);
        var after = await SaleAsync(world, id);
        after.Payments.ShouldHaveSingleItem().Amount.ShouldBe(after.Total);
        after.BalanceDue.ShouldBe(0m);
        after.HeldPayments.ShouldAllBe(h => !h.IsHeld);
    }

    [Fact]
    public async Task Process_WhenTheInvoiceIsAuthorised_ThenThePaymentIsRecordedOnTheMappedAccount()
    {
        await using var world = await SalesWorldAsync(s => s.InvoiceStatus = InvoiceStatus.Authorised);
        var id = await world.CheckoutAsync(paid: true);
        await world.DrainAsync();
        await ProcessAsync(world);

        var sale = await SaleAsync(world, id);
        sale.InvoiceStatus.ShouldBe(StageStatus.Authorised);
        sale.InvoiceNumber.ShouldNotBeNull();
        var payment = sale.Payments.ShouldHaveSingleItem();
        (payment.Amount, payment.AccountId).ShouldBe((sale.Total, await PaymentAccountAsync(world)));
        sale.BalanceDue.ShouldBe(0m);
    }

    [Fact]
    public async Task Process_WhenWooCommerceRoundedTheTotalUpByACent_ThenTheExcessIsTheCustomersCreditAndNoWarning()
    {
        await using var world = await SalesWorldAsync(s => s.InvoiceStatus = InvoiceStatus.Authorised);
        var id = await world.CheckoutAsync(paid: true, lines: [(OrderWorld.ShirtId, 1)]);
        // 300 at 100.00: the sale's price is 0.3333 (four decimals), 99.99 in all; the store charged 100.00.
        world.ChangeStoreOrder(id, o =>
        {
            var line = o.OfKind("line_item").Single();
            (line.Quantity, line.Subtotal, line.Total, line.SubtotalTax, line.TotalTax) = (300, 100m, 100m, 0m, 0m);
            line.Taxes.Clear();
        });
        await world.DrainAsync();
        await ProcessAsync(world);

        var sale = await SaleAsync(world, id);
        sale.Payments.ShouldHaveSingleItem().Amount.ShouldBe(sale.Total);
        sale.BalanceDue.ShouldBe(0m);
        sale.StoreTotalsWarning.ShouldBeNull("a cent per amount is rounding");
        await using var db = world.Db();
        var credit = await db.CustomerCredits.SingleAsync(c => c.SaleId == sale.Id);
        (credit.Amount, credit.CustomerId).ShouldBe((0.01m, sale.CustomerId));
    }

    [Fact]
    public async Task Process_WhenTheTotalsDifferBeyondRounding_ThenTheSaleCarriesAWarningWithBothFigures()
    {
        await using var world = await SalesWorldAsync(s => s.InvoiceStatus = InvoiceStatus.Draft);
        var id = await world.CheckoutAsync(paid: false, lines: [(OrderWorld.ShirtId, 1)]);
        world.ChangeStoreOrder(id, o =>
        {
            var line = o.OfKind("line_item").Single();
            (line.Quantity, line.Subtotal, line.Total, line.SubtotalTax, line.TotalTax) = (3000, 1000m, 1000m, 0m, 0m);
            line.Taxes.Clear();
        });
        await world.DrainAsync();
        await ProcessAsync(world);

        var sale = await SaleAsync(world, id);
        sale.StoreTotalsWarning.ShouldNotBeNull();
        sale.StoreTotalsWarning.ShouldContain("WooCommerce total 1010.00");
        sale.StoreTotalsWarning.ShouldContain($"sale's total {sale.Total:0.00}");
        sale.Lines.Count.ShouldBe(1, "no correction line is invented");
    }

    [Fact]
    public async Task Process_WhenAutoPickPackShipAndStockIsShort_ThenThePickStaysDraftAndNothingAfterIt()
    {
        await using var world = await SalesWorldAsync(s => s.Fulfilment = AutoFulfilmentMode.PickPackShip);
        var full = await world.CheckoutAsync(paid: true, lines: [(OrderWorld.ToteId, 1)]);
        var shortId = await world.CheckoutAsync(paid: true, lines: [(OrderWorld.ShirtId, 1)]);
        world.ChangeStoreOrder(shortId, o => o.OfKind("line_item").Single().Quantity = 60);
        await world.DrainAsync();
        await ProcessAsync(world);

        var shipped = await SaleAsync(world, full);
        (shipped.PickStatus, shipped.PackStatus, shipped.ShipStatus).ShouldBe((StageStatus.Authorised, StageStatus.Authorised, StageStatus.Authorised));
        var waiting = await SaleAsync(world, shortId);
        waiting.PickStatus.ShouldBe(StageStatus.Draft);
        (waiting.PackStatus, waiting.ShipStatus).ShouldBe((StageStatus.NotStarted, StageStatus.NotStarted));
        waiting.FulfilmentNote.ShouldNotBeNull();
        (await world.LogAsync()).Single(e => e.WooOrderId == shortId).Note.ShouldBe(waiting.FulfilmentNote);
    }

    [Fact]
    public async Task Drain_WhenTheStoreConfirmsACancellationAfterTheSale_ThenTheSaleIsVoidedAndTheLogSaysSo()
    {
        await using var world = await SalesWorldAsync(s => s.Fulfilment = AutoFulfilmentMode.Pick);
        var id = await world.CheckoutAsync(paid: true);
        await world.DrainAsync();
        await ProcessAsync(world);
        (await OnHandAsync(world, world.Shirt)).ShouldBe(48m);

        await world.ControlAsync($"orders/{id}/cancel");
        await world.DrainAsync();

        var sale = await SaleAsync(world, id);
        sale.IsVoided.ShouldBeTrue();
        sale.VoidReason.ShouldNotBeNull();
        (await SaleAllocatedAsync(world, world.Shirt)).ShouldBe(0m);
        (await OnHandAsync(world, world.Shirt)).ShouldBe(50m, "the picked stock is back on hand");
        var entry = (await world.LogAsync()).ShouldHaveSingleItem();
        entry.Status.ShouldBe(OrderLogStatus.Voided);
        entry.Note.ShouldNotBeNull();
        entry.Note.ShouldContain("voided");
        entry.SaleId.ShouldBe(sale.Id);

        await world.DrainAsync();
        await world.PollAsync();
        (await SaleAsync(world, id)).IsVoided.ShouldBeTrue();
    }

    [Fact]
    public async Task Process_WhenCouponCodesAreLoaded_ThenEachCouponIsALineOfItsProductCreatedOnce()
    {
        await using var world = await SalesWorldAsync(s => s.LoadCouponCodesAsProducts = true);
        var first = await CheckoutWithAsync(world, new { coupons = new[] { "save10" } });
        var second = await CheckoutWithAsync(world, new { coupons = new[] { "save10" } });
        await world.DrainAsync();
        await ProcessAsync(world);

        var one = await SaleAsync(world, first);
        var two = await SaleAsync(world, second);
        var coupon = one.Lines.Single(l => l.Name == "save10");
        coupon.Price.ShouldBeLessThan(0m);
        coupon.ProductId.ShouldNotBeNull();
        two.Lines.Single(l => l.Name == "save10").ProductId.ShouldBe(coupon.ProductId);
        one.Charges.ShouldNotContain(c => c.Amount < 0, "the coupon lines replace the discount charge");
        await using var db = world.Db();
        (await db.Products.CountAsync(p => p.Sku == StoreOrderSales.CouponSkuPrefix + "SAVE10")).ShouldBe(1);
    }

    [Fact]
    public async Task Process_WhenTheOrderHasAFee_ThenItIsAChargeUnderTheFeesTaxRule()
    {
        int feesRule = 0;
        await using var world = await SalesWorldAsync(s => feesRule = s.FeesTaxRuleId!.Value);
        var id = await CheckoutWithAsync(world, new { fees = new[] { new { name = "Gift wrap", total = "5.00", tax_class = "" } } }, state: "NY", postcode: "10001");
        await world.DrainAsync();
        await ProcessAsync(world);

        var sale = await SaleAsync(world, id);
        var fee = sale.Charges.Single(c => c.Description == "Gift wrap");
        (fee.Amount, fee.Tax.TaxRuleId).ShouldBe((5m, feesRule));
        sale.Charges.Single(c => c.Description.StartsWith("Shipping", StringComparison.Ordinal)).Tax.TaxRuleId.ShouldNotBe(feesRule);
        sale.StoreTotalsWarning.ShouldBeNull();
    }

    [Fact]
    public async Task Process_WhenTheStoreProcessesOnlyOnRequest_ThenOnlyProcessMakesTheSale()
    {
        await using var world = await SalesWorldAsync(s => s.ProcessOrdersAutomatically = false);
        var id = await world.CheckoutAsync(paid: true);
        await world.DrainAsync();
        (await ProcessAsync(world)).ShouldBe(0);
        var pending = (await world.PendingAsync()).ShouldHaveSingleItem();

        var result = await world.WithAsync(sp => sp.GetRequiredService<ProcessPendingOrders>().ProcessAsync(world.Tenant, world.Store.Id, [pending.Id, pending.Id]));
        result.Succeeded.ShouldBeTrue(result.Error);
        result.Value!.ShouldHaveSingleItem().Outcome.ShouldBe(ProcessOutcome.Made);
        (await SaleAsync(world, id)).Lines.Count.ShouldBe(2);

        var again = await world.WithAsync(sp => sp.GetRequiredService<ProcessPendingOrders>().ProcessAsync(world.Tenant, world.Store.Id, [pending.Id]));
        again.Value!.ShouldHaveSingleItem().Outcome.ShouldBe(ProcessOutcome.AlreadyMade);
    }

    [Fact]
    public async Task Process_WhenTwoProcessesTakeTheSameOrderAtOnce_ThenOneSaleIsMade()
    {
        await using var world = await SalesWorldAsync(s => s.ProcessOrdersAutomatically = false);
        var id = await world.CheckoutAsync(paid: true);
        await world.DrainAsync();
        var pending = (await world.PendingAsync()).ShouldHaveSingleItem();

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => world.WithAsync(sp =>
            sp.GetRequiredService<ProcessPendingOrders>().ProcessOneAsync(world.OrganizationId, world.Store.Id, pending.Id, CancellationToken.None))));

        results.Count(r => r.Outcome == ProcessOutcome.Made).ShouldBe(1);
        await using var db = world.Db();
        (await db.Sales.CountAsync(s => s.WooOrderId == id)).ShouldBe(1);
        (await SaleAllocatedAsync(world, world.Shirt)).ShouldBe(2m);
    }

    [Fact]
    public async Task Process_WhenSeveralOrdersAreReadyAtOnce_ThenEachIsItsOwnSaleAndAShopperOrderingTwiceIsOneCustomer()
    {
        await using var world = await SalesWorldAsync(_ => { });
        var dana1 = await world.CheckoutAsync(paid: true);
        var lee = await CheckoutWithAsync(world, new { billing = Shopper("Lee", "lee@example.test") });
        var dana2 = await world.CheckoutAsync(paid: true);
        await world.DrainAsync();

        (await ProcessAsync(world)).ShouldBe(3);
        (await ProcessAsync(world)).ShouldBe(0);

        var sales = new[] { await SaleAsync(world, dana1), await SaleAsync(world, lee), await SaleAsync(world, dana2) };
        sales.Select(s => s.Id).Distinct().Count().ShouldBe(3);
        sales[0].CustomerId.ShouldBe(sales[2].CustomerId, "the second order of the same e-mail finds the customer the first made");
        sales[1].CustomerId.ShouldNotBe(sales[0].CustomerId);
        sales.ShouldAllBe(s => s.Lines.Count == 2 && s.HeldPayments.Count == 1 && s.OrderStatus == StageStatus.Authorised);
        (await world.LogAsync()).Select(e => (e.Status, e.SaleId)).ShouldBe(
            sales.OrderBy(s => s.WooOrderId).Select(s => (OrderLogStatus.Sale, (int?)s.Id)));
        (await world.AllocatedAsync(world.Shirt)).ShouldBe(0m);
        (await SaleAllocatedAsync(world, world.Shirt)).ShouldBe(6m);
        await using var db = world.Db();
        (await db.Customers.CountAsync(c => c.Email == "dana@example.test")).ShouldBe(1);
        (await db.Customers.SingleAsync(c => c.Id == sales[1].CustomerId)).Name.ShouldBe("Lee Shopper");
    }

    [Fact]
    public async Task Process_WhenOneOrderOfABatchCannotBeRead_ThenTheOthersBecomeSalesAndItKeepsItsReasonAndStock()
    {
        await using var world = await SalesWorldAsync(_ => { });
        var first = await world.CheckoutAsync(paid: true);
        var broken = await world.CheckoutAsync(paid: true);
        var last = await world.CheckoutAsync(paid: true);
        await world.DrainAsync();
        await using (var db = world.Db())
        {
            (await db.PendingOrders.Where(p => p.WooOrderId == broken).ExecuteUpdateAsync(u => u.SetProperty(p => p.OrderJson, "null"))).ShouldBe(1);
        }

        (await ProcessAsync(world)).ShouldBe(2);

        (await SaleAsync(world, first)).Lines.Count.ShouldBe(2);
        (await SaleAsync(world, last)).Lines.Count.ShouldBe(2);
        var left = (await world.PendingAsync()).ShouldHaveSingleItem();
        left.WooOrderId.ShouldBe(broken);
        left.Problem.ShouldNotBeNull();
        left.Problem.ShouldContain("cannot be read");
        (await world.AllocatedAsync(world.Shirt)).ShouldBe(2m, "the refused order keeps its stock");
        (await SaleAllocatedAsync(world, world.Shirt)).ShouldBe(4m);
        (await world.LogAsync()).Single(e => e.WooOrderId == broken).Status.ShouldBe(OrderLogStatus.Pending);
    }

    [Fact]
    public async Task Process_WhenThreeProcessesTakeTheSameOrdersAtOnce_ThenEachOrderIsOneSale()
    {
        await using var world = await SalesWorldAsync(s => s.ProcessOrdersAutomatically = false);
        var ids = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add(await world.CheckoutAsync(paid: true));
        }

        await world.DrainAsync();
        var pending = (await world.PendingAsync()).Select(p => p.Id).ToList();
        pending.Count.ShouldBe(4);

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => world.WithAsync(sp =>
            sp.GetRequiredService<ProcessPendingOrders>().ProcessAsync(world.Tenant, world.Store.Id, pending))));

        results.ShouldAllBe(r => r.Succeeded);
        results.SelectMany(r => r.Value!).Count(r => r.Outcome == ProcessOutcome.Made).ShouldBe(4);
        await using var db = world.Db();
        (await db.Sales.Where(s => s.WooOrderId != null).Select(s => s.WooOrderId!.Value).ToListAsync()).Order().ShouldBe(ids.Order());
        (await SaleAllocatedAsync(world, world.Shirt)).ShouldBe(8m);
        (await world.PendingAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Process_WhenTheShippingRuleIsNotChosen_ThenThePendingOrderStaysWithTheReason()
    {
        await using var world = await SalesWorldAsync(s => s.ShippingTaxRuleId = null);
        await world.CheckoutAsync(paid: true);
        await world.DrainAsync();
        (await ProcessAsync(world)).ShouldBe(0);

        var pending = (await world.PendingAsync()).ShouldHaveSingleItem();
        pending.Problem.ShouldNotBeNull();
        pending.Problem.ShouldContain("shipping tax rule");
        (await world.AllocatedAsync(world.Shirt)).ShouldBe(2m, "the order keeps its stock");
        await using var db = world.Db();
        (await db.Sales.CountAsync()).ShouldBe(0);
    }

    private async Task<OrderWorld> SalesWorldAsync(Action<StoreSettings> change)
    {
        var world = await OrderWorld.CreateAsync(fx);
        await ConfigureForSalesAsync(world, change);
        return world;
    }

    /// <summary>The settings a store needs before its orders become sales: default customer, Tax Free, shipping and fees
    /// rules, the bank transfer gateway mapped to a bank account.</summary>
    internal static async Task ConfigureForSalesAsync(OrderWorld world, Action<StoreSettings> change, string? timeZone = null)
    {
        int customer, account;
        List<int> rules;
        await using (var db = world.Db())
        {
            var defaultCustomer = Domain.Customers.Customer.Create(world.OrganizationId, "Web shop walk-in");
            db.Customers.Add(defaultCustomer);
            await db.SaveChangesAsync();
            customer = defaultCustomer.Id;
            account = await PaymentAccountAsync(world);
            rules = await db.TaxRules.OrderBy(t => t.Id).Select(t => t.Id).ToListAsync();
        }

        await world.ConfigureAsync(s =>
        {
            s.CustomerId = customer;
            s.TaxFreeRuleId = rules[0];
            s.ShippingTaxRuleId = rules[1 % rules.Count];
            s.FeesTaxRuleId = rules[2 % rules.Count];
            s.PaymentMappings = [new PaymentMapping { GatewayId = "bacs", GatewayTitle = "Direct bank transfer", AccountId = account }];
            change(s);
        }, timeZone);
    }

    internal static async Task<int> PaymentAccountAsync(OrderWorld world)
    {
        await using var db = world.Db();
        return await db.Accounts.Where(a => a.CanReceivePayments).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync();
    }

    internal static Task<int> ProcessAsync(OrderWorld world) =>
        world.WithAsync(sp => sp.GetRequiredService<ProcessPendingOrders>().RunAsync(CancellationToken.None));

    internal static async Task<Sale> SaleAsync(OrderWorld world, long wooOrderId)
    {
        await using var db = world.Db();
        return await db.Sales.AsNoTracking().AsSplitQuery().Include(s => s.Lines).Include(s => s.Charges).Include(s => s.Payments)
            .Include(s => s.HeldPayments).Include(s => s.CreditNotes)
            .SingleAsync(s => s.WooOrderId == wooOrderId);
    }

    internal static async Task<decimal> SaleAllocatedAsync(OrderWorld world, int productId)
    {
        await using var db = world.Db();
        return (await db.StockAllocations.AsNoTracking()
            .Where(a => a.ProductId == productId && a.Source == AllocationSource.Sale).Select(a => a.Quantity).ToListAsync()).Sum();
    }

    private static async Task<decimal> OnHandAsync(OrderWorld world, int productId)
    {
        await using var db = world.Db();
        return (await db.StockBalances.AsNoTracking().Where(b => b.ProductId == productId && b.LocationId == world.Warehouse)
            .Select(b => b.OnHand).ToListAsync()).Sum();
    }

    /// <summary>Another shopper's billing details (Texas), for <see cref="CheckoutWithAsync"/>.</summary>
    private static object Shopper(string firstName, string email) => new Dictionary<string, string>
    {
        ["first_name"] = firstName, ["last_name"] = "Shopper", ["address_1"] = "2 Oak St", ["city"] = "Austin", ["state"] = "TX",
        ["postcode"] = "73301", ["country"] = "US", ["email"] = email, ["phone"] = "555 0101",
    };

    /// <summary>A checkout with extra fields (coupons, fees) beside the usual shopper.</summary>
    internal static Task<long> CheckoutWithAsync(OrderWorld world, object extra, string state = "TX", string postcode = "73301") =>
        world.CheckoutAsync(paid: true, state: state, postcode: postcode, extra: extra);
}
