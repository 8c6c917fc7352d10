using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Organizations;
using Portal.Domain.Sales;
using Portal.Features.Common;
using Portal.Features.Customers;
using Portal.Features.Sales;
using Portal.Identity;
using Portal.Tests.Components;
using Portal.Tests.Inventory;

namespace Portal.Tests.Sales;

/// <summary>
/// The real sale page on a real (migrated SQLite) database, driven through its buttons; each test checks what the
/// page shows and what the database holds.
/// </summary>
public sealed class SalePageTests : IAsyncLifetime
{
    private SalesBunit _sales = null!;
    private BunitHost _bunit = null!;
    private InventoryDatabase _database = null!;
    private InventorySeed _seed = null!;

    public async Task InitializeAsync()
    {
        _sales = await SalesBunit.CreateAsync();
        (_bunit, _database, _seed) = (_sales.Host, _sales.Database, _sales.Seed);
    }

    public async Task DisposeAsync() => await _sales.DisposeAsync();

    [Fact]
    public async Task AuthorisePick_WhenStockIsShort_ThenTheRefusalNamesTheProductAndShortfallAndNothingMoves()
    {
        await AdjustAsync(1m);
        var saleId = await OrderedSaleAsync(3m);
        var (_, page) = RenderPage(saleId, Permissions.Sales);

        page.Find("#authorise-pick").Click();

        page.WaitForAssertion(() =>
            page.Find("#sale-error").TextContent.ShouldContain("The pick would take on hand below zero: WIDGET – Widget is short by 2."));
        page.Find("#allocation-" + _seed.Widget).QuerySelector(".backorder")!.TextContent.ShouldContain("2 backordered");
        (await SaleAsync(saleId)).PickStatus.ShouldNotBe(StageStatus.Authorised);
        (await _database.StockOfAsync(_seed.Org, _seed.Widget, _seed.Warehouse)).ShouldBe((1m, 1m));
    }

    [Fact]
    public async Task StageButtons_WhenStockCovers_ThenPickPackShipInvoiceAndPaymentComplete()
    {
        await AdjustAsync(5m);
        var saleId = await OrderedSaleAsync(2m);
        var (_, page) = RenderPage(saleId, Permissions.Sales);
        Stage(page, "pick").ShouldBe("Not started");

        page.Find("#authorise-pick").Click();
        page.WaitForAssertion(() => Stage(page, "pick").ShouldBe("Authorised"));
        (await _database.StockOfAsync(_seed.Org, _seed.Widget, _seed.Warehouse)).ShouldBe((3m, 3m));
        page.Find("#pick-" + _seed.Widget).QuerySelector(".on-hand")!.TextContent.ShouldBe("3");

        page.Find("#authorise-pack").Click();
        page.WaitForAssertion(() => Stage(page, "pack").ShouldBe("Authorised"));

        page.Find("#tracking-number").Input("TRK-1");
        page.Find("#add-tracking").Click();
        page.Find("#tracking-number").Input("TRK-2");
        page.Find("#authorise-ship").Click();
        page.WaitForAssertion(() => Stage(page, "ship").ShouldBe("Authorised"));
        page.FindAll(".tracking-number").Select(c => c.TextContent.Trim()).ShouldBe(["TRK-1", "TRK-2"]);

        page.Find("#authorise-invoice").Click();
        page.WaitForAssertion(() => Stage(page, "invoice").ShouldBe("Authorised"));
        page.Find("#invoice-number .field-value").TextContent.ShouldBe("INV-00001");
        page.Find("#invoice-due .field-value").TextContent.ShouldBe("2026-04-13"); // 2026-03-14 + 30 days

        page.Find("#payment-reference").Change("bank transfer 42");
        page.Find("#record-payment").Click();
        page.WaitForAssertion(() => Stage(page, "payment").ShouldBe("Paid"));
        page.Find("#balance-due").TextContent.ShouldBe(0m.ToString("N2"));

        var sale = await SaleAsync(saleId);
        (sale.Status, sale.PackStatus, sale.ShipStatus, sale.ShipCarrierId).ShouldBe((SaleStatus.Shipped, StageStatus.Authorised, StageStatus.Authorised, _seed.Carrier));
        sale.TrackingNumbers.Select(t => t.Number).ShouldBe(["TRK-1", "TRK-2"], ignoreOrder: true);
        var payment = sale.Payments.ShouldHaveSingleItem();
        (payment.AccountId, payment.Amount, payment.Reference).ShouldBe((_seed.Bank, 20m, "bank transfer 42"));
    }

    [Fact]
    public async Task RecordPayment_WhenTheAmountIsNotANumber_ThenTheAmountFieldSaysSoAndNothingIsPaid()
    {
        await AdjustAsync(3m);
        var saleId = await OrderedSaleAsync(1m);
        var (_, page) = RenderPage(saleId, Permissions.Sales);
        page.Find("#authorise-invoice").Click();
        page.WaitForAssertion(() => Stage(page, "invoice").ShouldBe("Authorised"));

        page.Find("#payment-amount").Change("abc");
        page.Find("#record-payment").Click();

        page.WaitForAssertion(() => page.Markup.ShouldContain("Amount is not a number"));
        (await SaleAsync(saleId)).Payments.ShouldBeEmpty();
    }

    [Fact]
    public async Task RecordPayment_WhenAboveTheBalanceDueAndCancelled_ThenTheQuestionNamesTheCreditAndNothingIsRecorded()
    {
        var (host, _, saleId, due) = await PayAboveTheBalanceAsync(12.5m);

        host.WaitForAssertion(() => host.Find(".mud-dialog").TextContent
            .ShouldContain($"The balance due is {due:N2}. Record {due:N2} as this payment and keep {12.5m:N2} as Jane Buyer's credit?"));
        host.FindAll(".mud-dialog button").First(b => b.TextContent.Contains("Cancel")).Click();
        host.WaitForAssertion(() => host.FindAll(".mud-dialog").ShouldBeEmpty());
        (await SaleAsync(saleId)).Payments.ShouldBeEmpty();
        await using var db = _database.For(_seed.Org);
        (await db.CustomerCredits.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task RecordPayment_WhenAboveTheBalanceDueAndConfirmed_ThenTheBalanceIsPaidAndTheExcessIsTheCustomersCreditOnce()
    {
        var (host, page, saleId, due) = await PayAboveTheBalanceAsync(12.5m);

        host.WaitForAssertion(() => host.FindAll(".mud-dialog button").ShouldContain(b => b.TextContent.Contains("Keep 12.50 as credit")));
        host.FindAll(".mud-dialog button").First(b => b.TextContent.Contains("Keep 12.50 as credit")).Click();

        page.WaitForAssertion(() => Stage(page, "payment").ShouldBe("Paid"));
        page.Find("#balance-due").TextContent.ShouldBe(0m.ToString("N2"));
        var payment = (await SaleAsync(saleId)).Payments.ShouldHaveSingleItem();
        payment.Amount.ShouldBe(due);
        await using var db = _database.For(_seed.Org);
        var credit = (await db.CustomerCredits.ToListAsync()).ShouldHaveSingleItem();
        (credit.CustomerId, credit.Amount, credit.SaleId).ShouldBe((_seed.Customer, 12.5m, saleId));
        (await CustomerCreditQuery.BalancesAsync(db, [_seed.Customer], default))[_seed.Customer].ShouldBe(12.5m);
    }

    /// <summary>An invoiced sale's page, its payment amount typed <paramref name="excess"/> above the balance due and submitted.</summary>
    private async Task<(IRenderedComponent<IComponent> Host, IRenderedComponent<SalePage> Page, int SaleId, decimal Due)> PayAboveTheBalanceAsync(decimal excess)
    {
        await AdjustAsync(3m);
        var saleId = await OrderedSaleAsync(1m);
        (await _database.Sales.AuthoriseInvoiceAsync(_seed.Tenant, saleId)).Succeeded.ShouldBeTrue();
        var due = (await SaleAsync(saleId)).BalanceDue;
        var (host, page) = RenderPage(saleId, Permissions.Sales);
        page.Find("#payment-amount").Change((due + excess).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
        page.Find("#record-payment").Click();
        return (host, page, saleId, due);
    }

    [Fact]
    public async Task ReversePayment_WhenConfirmedWithAReason_ThenThePaymentShowsReversedWithItAndTheBalanceIsDueAgain()
    {
        await AdjustAsync(3m);
        var saleId = await OrderedSaleAsync(1m);
        (await _database.Sales.AuthoriseInvoiceAsync(_seed.Tenant, saleId)).Succeeded.ShouldBeTrue();
        (await _database.Sales.RecordPaymentAsync(_seed.Tenant, saleId, _seed.Bank, 10m, _database.Clock.GetUtcNow().UtcDateTime, "tr-9")).Succeeded.ShouldBeTrue();
        var (_, page) = RenderPage(saleId, Permissions.Sales);

        page.Find(".reverse-payment").Click();
        page.Find("#confirm-reversal").Click();
        page.WaitForAssertion(() => page.Markup.ShouldContain("The reversal reason is required."));
        (await SaleAsync(saleId)).AmountPaid.ShouldBe(10m);

        page.Find("#reversal-reason").Change("Transfer bounced");
        page.Find("#confirm-reversal").Click();

        page.WaitForAssertion(() => page.Find(".payment-reversed .payment-reversal").TextContent.ShouldContain("Transfer bounced"));
        page.FindAll(".reverse-payment").ShouldBeEmpty();
        var sale = await SaleAsync(saleId);
        sale.AmountPaid.ShouldBe(0m);
        sale.Payments.ShouldHaveSingleItem().ReversalReason.ShouldBe("Transfer bounced");
    }

    [Fact]
    public async Task EditDetails_WhenSomeoneElseChangedTheSaleMeanwhile_ThenTheDialogReopensWithTheirValuesAndTheUsersEntries()
    {
        await AdjustAsync(3m);
        var saleId = await OrderedSaleAsync(1m);
        var (host, page) = RenderPage(saleId, Permissions.Sales);
        var before = await SaleAsync(saleId);
        page.Find("#edit-details").Click();
        host.WaitForElement("#details-reference").Change("PO-MINE");
        // Another user saves the details while this dialog is open.
        (await _database.Sales.UpdateHeaderAsync(_seed.Tenant, saleId, before.Header with { Reference = "PO-THEIRS" }, before.Version)).Succeeded.ShouldBeTrue();

        host.Find("#details-save").Click();

        host.WaitForAssertion(() => host.Find("#details-conflict").TextContent.ShouldContain("PO-THEIRS"));
        host.Find("#details-conflict").TextContent.ShouldContain("PO-MINE");
        host.Find("#details-reference").GetAttribute("value").ShouldBe("PO-MINE");
        (await SaleAsync(saleId)).Reference.ShouldBe("PO-THEIRS");

        host.Find("#details-save").Click();
        host.WaitForAssertion(() =>
        {
            using var db = _database.For(_seed.Org);
            db.Sales.Single(s => s.Id == saleId).Reference.ShouldBe("PO-MINE");
        });
    }

    [Fact]
    public async Task CreditNoteAndRestock_WhenInvoicedAfterPicking_ThenCreditedAmountAndReturnedStockShow()
    {
        var (saleId, page) = await PickedAndInvoicedAsync();

        page.Find($"#restock-quantity-{_seed.Widget}").Change("1");
        page.Find("#restock").Click();
        page.WaitForAssertion(() => page.Find($"#restock-{_seed.Widget} .restocked").TextContent.ShouldBe("1"));
        (await _database.StockOfAsync(_seed.Org, _seed.Widget, _seed.Warehouse)).ShouldBe((4m, 4m));

        page.Find("#credit-description").Change("Damaged in transit");
        page.Find("#credit-amount").Change("5");
        page.Find("#create-credit-note").Click();
        page.WaitForAssertion(() => page.Find("#total-credited").TextContent.ShouldBe(5m.ToString("N2")));
        page.Find("#balance-due").TextContent.ShouldBe(15m.ToString("N2"));
        page.FindAll(".credit-note").Count.ShouldBe(2);

        // No more than what is left of the invoice can be credited.
        page.Find("#credit-description").Change("Goodwill");
        page.Find("#credit-amount").Change("100");
        page.Find("#create-credit-note").Click();
        page.WaitForAssertion(() => page.Find("#sale-error").TextContent.ShouldContain("is more than the 15"));
        page.FindAll(".credit-note").Count.ShouldBe(2);
    }

    [Fact]
    public async Task RecordPayment_WhenTheAmountIsZero_ThenTheAmountSaysWhyOnceWithOneSummaryAndNoToast()
    {
        await AdjustAsync(5m);
        var saleId = await OrderedSaleAsync(2m);
        var (host, page) = RenderPage(saleId, Permissions.Sales);
        page.Find("#authorise-pick").Click();
        page.WaitForAssertion(() => Stage(page, "pick").ShouldBe("Authorised"));
        page.Find("#authorise-invoice").Click();
        page.WaitForAssertion(() => Stage(page, "invoice").ShouldBe("Authorised"));

        page.Find("#payment-amount").Change("0");
        page.Find("#record-payment").Click();

        page.WaitForAssertion(() => page.Find("#sale-error").TextContent.Trim().ShouldBe(ErrorSummary.NothingSaved));
        const string message = "A payment needs an amount greater than zero with at most 2 decimals.";
        // The field marks itself in a render of its own, after the page's.
        page.WaitForAssertion(() => page.FindAll(".mud-input-helper-text.mud-input-error").Select(e => e.TextContent).ShouldContain(t => t.Contains(message)));
        Occurrences(page.Markup, message).ShouldBe(1);
        Occurrences(host.Markup, message).ShouldBe(0, "no toast repeats the field's error");
        (await SaleAsync(saleId)).Payments.ShouldBeEmpty();
    }

    private static int Occurrences(string markup, string text) =>
        System.Text.RegularExpressions.Regex.Matches(markup, System.Text.RegularExpressions.Regex.Escape(text)).Count;

    [Fact]
    public async Task CreditNoteAndRestock_WhenAnAmountOrAQuantityNoLongerParses_ThenTheFieldSaysSoAndNothingIsCreditedOrRestocked()
    {
        var (saleId, page) = await PickedAndInvoicedAsync();

        // Typed, then overtyped with text that does not parse: the old value is still underneath.
        page.Find($"#restock-quantity-{_seed.Widget}").Change("1");
        page.Find($"#restock-quantity-{_seed.Widget}").Change("one");
        page.Find("#restock").Click();
        page.WaitForAssertion(() => page.Find("#sale-error").TextContent.ShouldContain("Restock WIDGET – Widget is not a number"));

        page.Find("#credit-description").Change("Damaged in transit");
        page.Find("#credit-amount").Change("5");
        page.Find("#credit-amount").Change("5 EUR");
        page.Find("#create-credit-note").Click();
        page.WaitForAssertion(() => page.Markup.ShouldContain("Amount is not a number"));

        await using var db = _database.For(_seed.Org);
        (await db.Sales.Include(s => s.CreditNotes).SingleAsync(s => s.Id == saleId)).CreditNotes.ShouldBeEmpty();
        (await _database.StockOfAsync(_seed.Org, _seed.Widget, _seed.Warehouse)).ShouldBe((3m, 3m));
    }

    [Fact]
    public async Task AuthoriseOrder_WhenALineHasNoTaxRule_ThenItIsFlaggedFirstAndOnlyAuthorisedAnyway()
    {
        await AdjustAsync(5m);
        var draft = (await _database.Sales.CreateAsync(_seed.Tenant, _seed.Sale((_seed.Widget, 1m)), placeOrder: false)).Value!.SaleId;
        var (host, page) = RenderPage(draft, Permissions.Sales);

        page.Find("#authorise-order").Click();
        host.WaitForAssertion(() => host.Find(".mud-dialog").TextContent.ShouldContain("WIDGET – Widget: no tax rule, so no tax is charged on it."));
        host.FindAll(".mud-dialog button").First(b => b.TextContent.Contains("Go back")).Click();
        host.WaitForAssertion(() => host.FindAll(".mud-dialog").ShouldBeEmpty());
        (await SaleAsync(draft)).OrderStatus.ShouldNotBe(StageStatus.Authorised);

        page.Find("#authorise-order").Click();
        host.WaitForAssertion(() => host.FindAll(".mud-dialog button").ShouldContain(b => b.TextContent.Contains("Authorise anyway")));
        host.FindAll(".mud-dialog button").First(b => b.TextContent.Contains("Authorise anyway")).Click();

        page.WaitForAssertion(() => Stage(page, "order").ShouldBe("Authorised"));
    }

    [Fact]
    public async Task Void_WhenConfirmedWithAReason_ThenTheAllocationIsReleasedAndThePageShowsIt()
    {
        await AdjustAsync(5m);
        var saleId = await OrderedSaleAsync(2m);
        var (host, page) = RenderPage(saleId, Permissions.Sales);
        page.Find("#allocation-" + _seed.Widget).QuerySelector(".allocated")!.TextContent.ShouldBe("2");

        page.Find("#void-sale").Click();
        host.WaitForElement("#void-reason").Input("Customer cancelled");
        host.Find("#void-confirm").Click();

        page.WaitForAssertion(() => page.Find("#sale-voided").TextContent.ShouldContain("Customer cancelled"));
        page.Find("#allocation-" + _seed.Widget).QuerySelector(".allocated")!.TextContent.ShouldBe("0");
        page.FindAll("#void-sale").ShouldBeEmpty();
        page.FindAll("#authorise-pick").ShouldBeEmpty();
        var sale = await SaleAsync(saleId);
        (sale.Status, sale.VoidReason).ShouldBe((SaleStatus.Voided, "Customer cancelled"));
        await using var db = _database.For(_seed.Org);
        (await db.StockAllocations.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Void_WhenCancelled_ThenTheSaleStaysAsItWas()
    {
        var saleId = await OrderedSaleAsync(2m);
        var (host, page) = RenderPage(saleId, Permissions.Sales);

        page.Find("#void-sale").Click();
        host.WaitForElement("#void-cancel").Click();

        host.WaitForAssertion(() => host.FindAll("#void-confirm").ShouldBeEmpty());
        (await SaleAsync(saleId)).IsVoided.ShouldBeFalse();
    }

    [Fact]
    public async Task AStep_WhenSomeoneElseChangedTheSaleMeanwhile_ThenItIsRefusedAndThePageShowsTheCurrentSale()
    {
        await AdjustAsync(5m);
        var saleId = await OrderedSaleAsync(2m);
        var (_, page) = RenderPage(saleId, Permissions.Sales);

        // Another user picks while this page still shows the sale unpicked.
        (await _database.Sales.AuthorisePickAsync(_seed.Tenant, saleId)).Succeeded.ShouldBeTrue();
        page.Find("#authorise-pick").Click();

        page.WaitForAssertion(() => page.Find("#sale-error").TextContent.ShouldContain("changed by someone else"));
        Stage(page, "pick").ShouldBe("Authorised");
        page.FindAll("#authorise-pick").ShouldBeEmpty();
        (await _database.StockOfAsync(_seed.Org, _seed.Widget, _seed.Warehouse)).ShouldBe((3m, 3m));
    }

    [Fact]
    public async Task ReadOnlyUser_WhenViewingASale_ThenEverythingShowsAndNoActionIsOffered()
    {
        await AdjustAsync(5m);
        var saleId = await OrderedSaleAsync(2m);
        var (_, page) = RenderPage(saleId, Permissions.ReadOnly);

        page.Find("#read-only").TextContent.ShouldContain("needs the Sales permission");
        page.Find("#allocation-" + _seed.Widget).QuerySelector(".allocated")!.TextContent.ShouldBe("2");
        page.FindAll("button").Select(b => b.Id).Where(id => !string.IsNullOrEmpty(id)).ShouldBeEmpty();
        foreach (var action in new[] { "#authorise-pick", "#authorise-pack", "#authorise-ship", "#authorise-invoice", "#record-payment", "#void-sale", "#restock" })
        {
            page.FindAll(action).ShouldBeEmpty(action);
        }
    }

    [Fact]
    public async Task Handlers_WhenTheSignedInUserIsReadOnly_ThenEveryChangeIsRefusedAndNothingIsSaved()
    {
        await AdjustAsync(5m);
        var saleId = await OrderedSaleAsync(2m);
        var reader = new SalesBunit.UserTenant(_seed.Org, Permissions.ReadOnly);
        var before = (await SaleAsync(saleId)).Version;

        var pick = await _database.Sales.AuthorisePickAsync(reader, saleId);
        var @void = await _database.Sales.VoidAsync(reader, saleId, "no");
        var create = await _database.Sales.CreateAsync(reader, _seed.Sale((_seed.Widget, 1m)), placeOrder: true);

        foreach (var result in new OperationResult[] { pick, @void, create })
        {
            result.Succeeded.ShouldBeFalse();
            result.Error.ShouldBe("You can view sales but not change them: ask an administrator for the Sales permission.");
        }

        (await SaleAsync(saleId)).Version.ShouldBe(before);
        await using var db = _database.For(_seed.Org);
        (await db.Sales.CountAsync()).ShouldBe(1);
        (await _database.Sales.AuthorisePickAsync(new SalesBunit.UserTenant(_seed.Org, Permissions.Sales), saleId)).Succeeded.ShouldBeTrue();
    }

    private (IRenderedComponent<IComponent> Host, IRenderedComponent<SalePage> Page) RenderPage(int saleId, Permissions permissions)
    {
        _sales.ActAs(permissions);
        var authorization = _bunit.Context.AddAuthorization();
        authorization.SetAuthorized("someone@example.test");
        authorization.SetPolicies(permissions.HasFlag(Permissions.Sales)
            ? [Policies.OrganizationMember, Policies.Sales]
            : [Policies.OrganizationMember]);

        var host = _bunit.RenderProviders();
        var page = _bunit.Context.Render<SalePage>(p => p.Add(x => x.Id, saleId));
        page.WaitForElement("#sale-title");
        return (host, page);
    }

    private static string Stage(IRenderedComponent<SalePage> page, string stage) =>
        page.Find($"#stage-{stage} .mud-chip").TextContent.Trim();

    private async Task AdjustAsync(decimal quantity) =>
        (await _database.Stock.AdjustAsync(_seed.Tenant, _seed.Widget, _seed.Warehouse, quantity, "count")).Succeeded.ShouldBeTrue();

    /// <summary>A sale of 2 widgets (of 5 on hand), picked and invoiced through the page's buttons.</summary>
    private async Task<(int SaleId, IRenderedComponent<SalePage> Page)> PickedAndInvoicedAsync()
    {
        await AdjustAsync(5m);
        var saleId = await OrderedSaleAsync(2m);
        var (_, page) = RenderPage(saleId, Permissions.Sales);
        page.Find("#authorise-pick").Click();
        page.WaitForAssertion(() => Stage(page, "pick").ShouldBe("Authorised"));
        page.Find("#authorise-invoice").Click();
        page.WaitForAssertion(() => Stage(page, "invoice").ShouldBe("Authorised"));
        return (saleId, page);
    }

    private async Task<int> OrderedSaleAsync(decimal quantity)
    {
        var result = await _database.Sales.CreateAsync(_seed.Tenant, _seed.Sale((_seed.Widget, quantity)), placeOrder: true,
            AutoAssemblyMode.None, AutoFulfilmentMode.None);
        result.Succeeded.ShouldBeTrue(result.Error);
        return result.Value!.SaleId;
    }

    private async Task<Sale> SaleAsync(int saleId)
    {
        await using var db = _database.For(_seed.Org);
        return await db.Sales.AsSplitQuery().Include(s => s.TrackingNumbers).Include(s => s.Payments).SingleAsync(s => s.Id == saleId);
    }
}
