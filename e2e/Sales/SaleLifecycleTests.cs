using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.Domain.Catalog;
using Portal.Domain.Customers;
using Portal.Domain.Reference;
using Portal.Domain.Sales;
using Portal.E2E.Infrastructure;
using Portal.Features.Sales;
using Portal.Features.Stock;
using static Microsoft.Playwright.Assertions;
using static Portal.E2E.Infrastructure.MudInputs;

namespace Portal.E2E.Sales;

/// <summary>
/// A sale through its whole life in the browser. The products, stock, customer and accounts a sale needs are made
/// through the portal's own services (their pages are another feature's).
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class SaleLifecycleTests(PortalFixture fixture)
{
    [Fact]
    public async Task ManualSale_WhenPickedPackedShippedAndPaid_ThenOnHandFallsAndEveryStageIsComplete()
    {
        var owner = await fixture.Server.CreateOrganizationAsync("Sales");
        var shop = await SeedAsync(owner.OrganizationId, onHand: 10m);
        await using var session = await fixture.OpenSessionAsync(nameof(ManualSale_WhenPickedPackedShippedAndPaid_ThenOnHandFallsAndEveryStageIsComplete));
        var page = session.Page;
        await session.SignInAsync(owner.Email, owner.Password);
        await session.WaitForInteractiveAsync();

        await page.Locator(".mud-nav-link", new PageLocatorOptions { HasText = "Sales" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/sales$"));
        await Expect(page.Locator("#no-sales")).ToBeVisibleAsync();
        await session.ScreenshotAsync("empty-sales-grid");

        await page.Locator("#new-sale").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/sales/new$"));
        await PickAsync(page, "#sale-customer", "Garden", "Garden Centre Ltd");
        await Expect(page.Locator("#sale-contact")).ToHaveValueAsync("Flora Green");
        await PickAsync(page, "#line-product-0", "SPADE", "SPADE – Spade");
        await Expect(page.Locator("#line-price-0")).ToHaveValueAsync("25.00");
        await page.Locator("#line-quantity-0").FillAsync("3");
        await page.Locator("#sale-reference").FillAsync("PO-7781");
        await page.Locator("#sale-reference").BlurAsync();
        await Expect(page.Locator(".line-total").First).ToHaveTextAsync("75.00");
        await session.ScreenshotAsync("new-sale-filled");

        await page.Locator("#save-and-order").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/sales/\d+$"));
        await Expect(Stage(page, "order")).ToHaveTextAsync("Authorised");
        var saleId = int.Parse(Regex.Match(page.Url, @"/sales/(\d+)$").Groups[1].Value);
        var allocation = page.Locator($"#allocation-{shop.Product}");
        await Expect(allocation.Locator(".allocated")).ToHaveTextAsync("3");
        await Expect(allocation.Locator(".on-hand")).ToHaveTextAsync("10");
        await session.ScreenshotAsync("order-authorised");

        await Tab(page, "Pick").ClickAsync();
        await page.Locator("#authorise-pick").ClickAsync();
        await Expect(Stage(page, "pick")).ToHaveTextAsync("Authorised");
        await Expect(page.Locator($"#pick-{shop.Product} .on-hand")).ToHaveTextAsync("7");
        await session.ScreenshotAsync("picked");

        await Tab(page, "Pack").ClickAsync();
        await page.Locator("#authorise-pack").ClickAsync();
        await Expect(Stage(page, "pack")).ToHaveTextAsync("Authorised");

        await Tab(page, "Ship").ClickAsync();
        await page.Locator("#tracking-number").FillAsync("1Z999AA10123456784");
        await page.Locator("#authorise-ship").ClickAsync();
        await Expect(Stage(page, "ship")).ToHaveTextAsync("Authorised");
        await Expect(page.Locator(".tracking-number")).ToHaveTextAsync(["1Z999AA10123456784"]);
        await session.ScreenshotAsync("shipped");

        await Tab(page, "Invoice").ClickAsync();
        await page.Locator("#authorise-invoice").ClickAsync();
        await Expect(Stage(page, "invoice")).ToHaveTextAsync("Authorised");
        await Expect(page.Locator("#invoice-number .field-value")).ToHaveTextAsync("INV-00001");
        await session.ScreenshotAsync("invoiced");

        await Tab(page, "Payments").ClickAsync();
        // 75.00 and the tax of the organization's default sale tax rule (the starter 10 %), which filled the line.
        await Expect(page.Locator("#payment-amount")).ToHaveValueAsync("82.50");
        await page.Locator("#payment-reference").FillAsync("Bank transfer");
        await page.Locator("#record-payment").ClickAsync();
        await Expect(Stage(page, "payment")).ToHaveTextAsync("Paid");
        await Expect(page.Locator("#balance-due")).ToHaveTextAsync("0.00");
        await Expect(page.Locator("tr.payment")).ToContainTextAsync("Bank transfer");
        await session.ScreenshotAsync("paid");

        (await OnHandAsync(owner.OrganizationId, shop)).ShouldBe(7m);
        await using (var db = Contexts.CreateForOrganization(owner.OrganizationId))
        {
            var sale = await db.Sales.SingleAsync(s => s.Id == saleId);
            (sale.Status, sale.InvoiceStatus, sale.AmountPaid, sale.Total).ShouldBe((SaleStatus.Shipped, StageStatus.Authorised, 82.5m, 82.5m));
        }

        await page.Locator(".mud-nav-link", new PageLocatorOptions { HasText = "Sales" }).ClickAsync();
        var row = page.Locator("tr", new PageLocatorOptions { HasText = "Garden Centre Ltd" });
        await Expect(row).ToContainTextAsync("INV-00001");
        await Expect(row.Locator(".sale-status")).ToHaveTextAsync("Shipped");
        await Expect(row.Locator(".sale-payment")).ToHaveTextAsync("Paid");
        await session.ScreenshotAsync("sales-grid");

        session.ShouldHaveNoBrowserErrors();
    }

    [Fact]
    public async Task Void_WhenConfirmed_ThenTheAllocationIsReleased()
    {
        var owner = await fixture.Server.CreateOrganizationAsync("Void");
        var shop = await SeedAsync(owner.OrganizationId, onHand: 4m);
        var created = await Operations.CreateAsync(FixedTenant.For(owner.OrganizationId), new SaleDraft(
            new SaleHeader { CustomerId = shop.Customer, LocationId = shop.Location, Reference = "PO-VOID", PaymentTermDays = 14 },
            [new SaleLineInput(shop.Product, null, 2m, 25m)], []), placeOrder: true);
        created.Succeeded.ShouldBeTrue(created.Error);
        var saleId = created.Value!.SaleId;

        await using var session = await fixture.OpenSessionAsync(nameof(Void_WhenConfirmed_ThenTheAllocationIsReleased));
        var page = session.Page;
        await session.SignInAsync(owner.Email, owner.Password);
        await session.GotoAsync($"/sales/{saleId}");
        var allocation = page.Locator($"#allocation-{shop.Product}");
        await Expect(allocation.Locator(".allocated")).ToHaveTextAsync("2");
        await session.ScreenshotAsync("ordered");

        await page.Locator("#void-sale").ClickAsync();
        await page.Locator("#void-reason").FillAsync("Customer cancelled by phone");
        await session.ScreenshotAsync("void-dialog");
        await page.Locator("#void-confirm").ClickAsync();

        await Expect(page.Locator("#sale-voided")).ToContainTextAsync("Customer cancelled by phone");
        await Expect(allocation.Locator(".allocated")).ToHaveTextAsync("0");
        await Expect(allocation.Locator(".on-hand")).ToHaveTextAsync("4");
        await Expect(page.Locator("#void-sale")).ToHaveCountAsync(0);
        await session.ScreenshotAsync("voided");

        await using (var db = Contexts.CreateForOrganization(owner.OrganizationId))
        {
            (await db.StockAllocations.CountAsync()).ShouldBe(0);
        }

        await session.GotoAsync("/sales");
        await page.Locator("#filter-Voided").ClickAsync();
        await Expect(page.Locator("tr", new PageLocatorOptions { HasText = "PO-VOID" }).Locator(".sale-status")).ToHaveTextAsync("Voided");
        await session.ScreenshotAsync("voided-filter");

        session.ShouldHaveNoBrowserErrors();
    }

    [Fact]
    public async Task SalesDefaults_WhenAutomaticPickAndPackIsChosen_ThenANewSaleIsPickedAndPackedWhenPlaced()
    {
        var owner = await fixture.Server.CreateOrganizationAsync("Defaults");
        await SeedAsync(owner.OrganizationId, onHand: 5m);
        await using var session = await fixture.OpenSessionAsync(nameof(SalesDefaults_WhenAutomaticPickAndPackIsChosen_ThenANewSaleIsPickedAndPackedWhenPlaced));
        var page = session.Page;
        await session.SignInAsync(owner.Email, owner.Password);
        await session.GotoAsync("reference");
        await Tab(page, "Sales defaults").ClickAsync();
        await session.ChooseAsync("Automatic fulfilment", "Pick + pack");
        await page.Locator("#save-sales-defaults").ClickAsync();
        await Expect(page.Locator(".mud-snackbar", new PageLocatorOptions { HasText = "Saved." })).ToBeVisibleAsync();
        await session.GotoAsync("reference");
        await Tab(page, "Sales defaults").ClickAsync();
        await Expect(page.Locator(".mud-select", new PageLocatorOptions { HasText = "Automatic fulfilment" }).Locator("input").First)
            .ToHaveValueAsync("Pick + pack");
        await session.ScreenshotAsync("sales-defaults-saved");

        await FillNewSaleAsync(session, "2");
        await page.Locator("#save-and-order").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/sales/\d+$"));

        await Expect(Stage(page, "pick")).ToHaveTextAsync("Authorised");
        await Expect(Stage(page, "pack")).ToHaveTextAsync("Authorised");
        await Expect(Stage(page, "ship")).Not.ToHaveTextAsync("Authorised");
        await session.ScreenshotAsync("sale-picked-and-packed-on-placing");
        session.ShouldHaveNoBrowserErrors();
    }

    [Fact]
    public async Task DraftSale_WhenEditedThenAuthorised_ThenTheEditedLinesAreAllocated()
    {
        var owner = await fixture.Server.CreateOrganizationAsync("Drafts");
        var shop = await SeedAsync(owner.OrganizationId, onHand: 10m);
        await using var session = await fixture.OpenSessionAsync(nameof(DraftSale_WhenEditedThenAuthorised_ThenTheEditedLinesAreAllocated));
        var page = session.Page;
        await session.SignInAsync(owner.Email, owner.Password);
        await FillNewSaleAsync(session, "2");
        await page.Locator("#save-draft").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/sales/\d+$"));
        await Expect(Stage(page, "order")).Not.ToHaveTextAsync("Authorised");

        await page.Locator("#edit-draft").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/sales/\d+/edit$"));
        await Expect(page.Locator("#sale-customer")).ToHaveValueAsync("Garden Centre Ltd");
        await Expect(page.Locator("#line-product-0")).ToHaveValueAsync("SPADE – Spade");
        await Expect(page.Locator("#line-quantity-0")).ToHaveValueAsync("2");
        await page.Locator("#line-quantity-0").FillAsync("5");
        await page.Locator("#sale-reference").FillAsync("PO-EDITED");
        await page.Locator("#sale-reference").BlurAsync();
        await Expect(page.Locator(".line-total").First).ToHaveTextAsync("125.00");
        await session.ScreenshotAsync("draft-being-edited");
        await page.Locator("#save-and-order").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/sales/\d+$"));
        await Expect(Stage(page, "order")).ToHaveTextAsync("Authorised");
        await Expect(page.Locator($"#allocation-{shop.Product} .allocated")).ToHaveTextAsync("5");
        await Expect(page.Locator("#edit-draft")).ToHaveCountAsync(0);
        await session.ScreenshotAsync("edited-draft-authorised");

        // Once ordered, the lines are fixed but the details are not: the customer's final reference and the carrier.
        await page.Locator("#edit-details").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Expect(page.Locator("#details-reference")).ToHaveValueAsync("PO-EDITED");
        await page.Locator("#details-reference").FillAsync("PO-FINAL");
        await dialog.Locator(".mud-select", new LocatorLocatorOptions { HasText = "Carrier" }).First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasText = "DHL" }).First.ClickAsync();
        await Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
        await Expect(dialog.Locator(".mud-select", new LocatorLocatorOptions { HasText = "Carrier" }).First).ToContainTextAsync("DHL");
        await session.ScreenshotAsync("details-dialog");
        await page.Locator("#details-save").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.GetByText("Ref. PO-FINAL")).ToBeVisibleAsync();
        await Expect(page.Locator("#sale-carrier .field-value")).ToHaveTextAsync("DHL");
        await Expect(page.Locator($"#allocation-{shop.Product} .allocated")).ToHaveTextAsync("5");
        session.ShouldHaveNoBrowserErrors();
    }

    [Fact]
    public async Task DoubleSubmit_WhenSaveAndAuthoriseIsDoubleClicked_ThenOneSaleAndOneAllocation()
    {
        var owner = await fixture.Server.CreateOrganizationAsync("Double");
        var shop = await SeedAsync(owner.OrganizationId, onHand: 10m);
        await using var session = await fixture.OpenSessionAsync(nameof(DoubleSubmit_WhenSaveAndAuthoriseIsDoubleClicked_ThenOneSaleAndOneAllocation));
        var page = session.Page;
        await session.SignInAsync(owner.Email, owner.Password);
        await FillNewSaleAsync(session, "3");
        await Expect(page.Locator(".line-total").First).ToHaveTextAsync("75.00");

        await page.Locator("#save-and-order").DblClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/sales/\d+$"));
        await Expect(Stage(page, "order")).ToHaveTextAsync("Authorised");
        await Expect(page.Locator($"#allocation-{shop.Product} .allocated")).ToHaveTextAsync("3");
        await session.ScreenshotAsync("after-double-click");

        // Both clicks have been answered once the sales list shows: the circuit handles its events in order.
        await page.Locator(".mud-nav-link", new PageLocatorOptions { HasText = "Sales" }).ClickAsync();
        await Expect(page.Locator("tr", new PageLocatorOptions { HasText = "Garden Centre Ltd" })).ToHaveCountAsync(1);
        await session.ScreenshotAsync("one-sale-listed");
        await using (var db = Contexts.CreateForOrganization(owner.OrganizationId))
        {
            (await db.Sales.CountAsync()).ShouldBe(1);
            (await db.StockAllocations.CountAsync()).ShouldBe(1);
            (await db.StockAllocations.SingleAsync()).Quantity.ShouldBe(3m);
        }

        session.ShouldHaveNoBrowserErrors();
    }

    [Fact]
    public async Task NewSale_WhenALineIsAtPriceZero_ThenItIsFlaggedBeforeAuthorisingAndTheDefaultTaxRuleFillsTheLine()
    {
        var owner = await fixture.Server.CreateOrganizationAsync("Warned");
        var shop = await SeedAsync(owner.OrganizationId, onHand: 10m);
        await using var session = await fixture.OpenSessionAsync(nameof(NewSale_WhenALineIsAtPriceZero_ThenItIsFlaggedBeforeAuthorisingAndTheDefaultTaxRuleFillsTheLine));
        var page = session.Page;
        await session.SignInAsync(owner.Email, owner.Password);
        int defaultRule;
        await using (var db = Contexts.CreateForOrganization(owner.OrganizationId))
        {
            defaultRule = (await db.SalesSettings.SingleAsync()).DefaultSaleTaxRuleId!.Value;
        }

        // The line starts with the organization's default sale tax rule (the select's value is the rule's id).
        await FillNewSaleAsync(session, "1");
        await Expect(page.Locator(".mud-select", new PageLocatorOptions { Has = page.Locator("#line-tax-0") }).Locator("input").First)
            .ToHaveValueAsync(defaultRule.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // A quantity that does not parse blocks the save, naming the field, instead of ordering the old quantity.
        await page.Locator("#line-quantity-0").FillAsync("2 boxes");
        await page.Locator("#line-quantity-0").BlurAsync();
        await page.Locator("#save-and-order").ClickAsync();
        await Expect(page.Locator("#new-sale-error")).ToContainTextAsync("The quantity of line 1 is not a number");
        await session.ScreenshotAsync("quantity-not-a-number");
        await page.Locator("#line-quantity-0").FillAsync("1");
        await page.Locator("#line-quantity-0").BlurAsync();

        await page.Locator("#line-price-0").FillAsync("0");
        await page.Locator("#line-price-0").BlurAsync();
        await page.Locator("#save-and-order").ClickAsync();

        await Expect(page.Locator("#authorise-warnings")).ToContainTextAsync("SPADE – Spade: the price is 0.");
        await session.ScreenshotAsync("price-zero-flagged");
        await using (var db = Contexts.CreateForOrganization(owner.OrganizationId))
        {
            (await db.Sales.CountAsync()).ShouldBe(0);
        }

        await page.Locator("#authorise-anyway").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/sales/\d+$"));
        await Expect(Stage(page, "order")).ToHaveTextAsync("Authorised");
        await Expect(page.Locator($"#allocation-{shop.Product} .allocated")).ToHaveTextAsync("1");
        await session.ScreenshotAsync("authorised-after-the-warning");
        session.ShouldHaveNoBrowserErrors();
    }

    [Fact]
    public async Task Overpayment_WhenTheExcessIsConfirmedAsCredit_ThenTheBalanceIsPaidAndTheCustomerHoldsTheExcess()
    {
        var owner = await fixture.Server.CreateOrganizationAsync("Overpaid");
        var shop = await SeedAsync(owner.OrganizationId, onHand: 10m);
        var tenant = FixedTenant.For(owner.OrganizationId);
        var draft = new SaleDraft(new SaleHeader { CustomerId = shop.Customer, LocationId = shop.Location, PaymentTermDays = 30 },
            [new SaleLineInput(shop.Product, null, 2m, 25m)], []);
        var saleId = (await Operations.CreateAsync(tenant, draft, placeOrder: true)).Value!.SaleId;
        (await Operations.AuthoriseInvoiceAsync(tenant, saleId)).Succeeded.ShouldBeTrue();
        await using var session = await fixture.OpenSessionAsync(nameof(Overpayment_WhenTheExcessIsConfirmedAsCredit_ThenTheBalanceIsPaidAndTheCustomerHoldsTheExcess));
        var page = session.Page;
        await session.SignInAsync(owner.Email, owner.Password);
        await session.GotoAsync($"sales/{saleId}");
        await Tab(page, "Payments").ClickAsync();
        await Expect(page.Locator("#payment-amount")).ToHaveValueAsync("50.00");

        await page.Locator("#payment-amount").FillAsync("62.50");
        await page.Locator("#payment-amount").BlurAsync();
        await page.Locator("#record-payment").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Expect(dialog).ToContainTextAsync("The balance due is 50.00. Record 50.00 as this payment and keep 12.50 as Garden Centre Ltd's credit?");
        await session.ScreenshotAsync("overpayment-question");
        await dialog.Locator("button", new LocatorLocatorOptions { HasText = "Keep 12.50 as credit" }).ClickAsync();

        await Expect(Stage(page, "payment")).ToHaveTextAsync("Paid");
        await Expect(page.Locator("#balance-due")).ToHaveTextAsync("0.00");
        await session.ScreenshotAsync("overpayment-kept-as-credit");
        await using (var db = Contexts.CreateForOrganization(owner.OrganizationId))
        {
            (await db.Sales.SingleAsync(s => s.Id == saleId)).AmountPaid.ShouldBe(50m);
            (await db.CustomerCredits.SingleAsync()).Amount.ShouldBe(12.5m);
        }

        await page.Locator(".mud-nav-link", new PageLocatorOptions { HasText = "Customers" }).ClickAsync();
        await Expect(page.Locator("tr", new PageLocatorOptions { HasText = "Garden Centre Ltd" })).ToContainTextAsync("12.50");
        await session.ScreenshotAsync("customer-credit-listed");
        session.ShouldHaveNoBrowserErrors();
    }

    [Fact]
    public async Task NewSale_WhenAProductNotSoldInFractionsGetsAFraction_ThenTheQuantitySaysWholeNumbersAndNothingIsSaved()
    {
        var owner = await fixture.Server.CreateOrganizationAsync("Whole");
        await SeedAsync(owner.OrganizationId, onHand: 10m);
        await using var session = await fixture.OpenSessionAsync(nameof(NewSale_WhenAProductNotSoldInFractionsGetsAFraction_ThenTheQuantitySaysWholeNumbersAndNothingIsSaved));
        var page = session.Page;
        await session.SignInAsync(owner.Email, owner.Password);

        await FillNewSaleAsync(session, "1.5");
        await page.Locator("#save-and-order").ClickAsync();

        await Expect(page.GetByText("Whole numbers only")).ToBeVisibleAsync();
        await session.ScreenshotAsync("fraction-of-a-whole-number-product");
        await using (var db = Contexts.CreateForOrganization(owner.OrganizationId))
        {
            (await db.Sales.CountAsync()).ShouldBe(0);
        }

        session.ShouldHaveNoBrowserErrors();
    }

    private IPortalDbContextFactory Contexts => fixture.Server.Services.GetRequiredService<IPortalDbContextFactory>();

    private SaleOperations Operations => fixture.Server.Services.GetRequiredService<SaleOperations>();

    private sealed record Shop(int Location, int Customer, int Product);

    private async Task<Shop> SeedAsync(int organizationId, decimal onHand)
    {
        await using var db = Contexts.CreateForOrganization(organizationId);
        // The organization's default location (one of its starter reference books): where a new sale starts.
        var location = await db.Locations.SingleAsync(l => l.IsDefault);
        var customer = Customer.Create(organizationId, "Garden Centre Ltd");
        customer.Contact = "Flora Green";
        customer.ShippingAddress = new Address { Line1 = "1 Rose Lane", City = "Leeds", Postcode = "LS1 1AA", Country = "GB" };
        var product = Product.Create(organizationId, "SPADE", "Spade");
        product.SetPrice(1, 25m);
        db.AddRange(customer, product, Carrier.Create(organizationId, "DHL"),
            Account.Create(organizationId, "1000", "Business bank", AccountType.Bank, canReceivePayments: true));
        await db.SaveChangesAsync();

        var stock = fixture.Server.Services.GetRequiredService<StockOperations>();
        var adjusted = await stock.AdjustAsync(FixedTenant.For(organizationId), product.Id, location.Id, onHand, "Opening stock");
        adjusted.Succeeded.ShouldBeTrue(adjusted.Error);
        return new Shop(location.Id, customer.Id, product.Id);
    }

    private async Task<decimal> OnHandAsync(int organizationId, Shop shop)
    {
        await using var db = Contexts.CreateForOrganization(organizationId);
        return await db.StockBalances.Where(b => b.ProductId == shop.Product && b.LocationId == shop.Location).Select(b => b.OnHand).SingleAsync();
    }

    /// <summary>A new sale of the seeded spade for the seeded customer, not yet saved.</summary>
    private static async Task FillNewSaleAsync(BrowserSession session, string quantity)
    {
        var page = session.Page;
        await session.GotoAsync("sales/new");
        await PickAsync(page, "#sale-customer", "Garden", "Garden Centre Ltd");
        await PickAsync(page, "#line-product-0", "SPADE", "SPADE – Spade");
        await page.Locator("#line-quantity-0").FillAsync(quantity);
        await page.Locator("#line-quantity-0").BlurAsync();
    }

    private static ILocator Stage(IPage page, string stage) => page.Locator($"#stage-{stage} .mud-chip");

    private static ILocator Tab(IPage page, string name) => page.Locator(".mud-tab", new PageLocatorOptions { HasText = name });
}
