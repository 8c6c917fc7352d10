using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.Domain.Integrations;
using Portal.E2E.Infrastructure;
using Portal.Features.Integrations;
using WooCommerce.Emulator.Model;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E.Orders;

/// <summary>With the scheduler running, a shopper's paid order in New York (state and city tax) becomes a sale on its
/// own: the Log links it, and the sale shows the shopper, the lines with the store's taxes, the shipping and the payment.</summary>
[Collection(PortalCollection.Name)]
public sealed class OrderToSaleTests(PortalFixture fixture)
{
    [Fact]
    public async Task Order_PlacedInTheStore_BecomesASaleLinkedFromTheLog()
    {
        int port;
        using (var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }

        await using var server = await PortalServer.StartAsync(new Dictionary<string, string?>
        {
            ["Scheduler:Enabled"] = "true", ["Portal:PublicUrl"] = $"http://localhost:{port}",
        }, port);
        await using var store = await EmulatedStores.StartEuroStoreAsync();
        var owner = await server.CreateOrganizationAsync("Sales from orders");
        var key = store.CreateKey(KeyPermission.ReadWrite);
        List<long> rates;
        lock (store.Store.Sync)
        {
            rates = store.Store.TaxRates.Select(r => (long)r.Id).ToList();
        }

        int storeId;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var connected = await scope.ServiceProvider.GetRequiredService<ConnectStore>()
                .ConnectClassicAsync(FixedTenant.For(owner.OrganizationId), "Linen shop", store.BaseUrl, key.ConsumerKey, key.ConsumerSecret, false);
            connected.Succeeded.ShouldBeTrue(connected.Message);
            storeId = connected.StoreId!.Value;
            await using var db = scope.ServiceProvider.GetRequiredService<IPortalDbContextFactory>().CreateForOrganization(owner.OrganizationId);
            db.Products.Add(Portal.Domain.Catalog.Product.Create(owner.OrganizationId, "SHIRT-OXF-001", "Oxford shirt"));
            var walkIn = Portal.Domain.Customers.Customer.Create(owner.OrganizationId, "Web shop walk-in");
            db.Customers.Add(walkIn);
            await db.SaveChangesAsync();
            var rules = await db.TaxRules.OrderBy(t => t.Id).Select(t => t.Id).ToListAsync();
            var account = await db.Accounts.Where(a => a.CanReceivePayments).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync();
            var storeRow = await db.Stores.SingleAsync(s => s.Id == storeId);
            storeRow.SettingsJson = new StoreSettings
            {
                CustomerId = walkIn.Id,
                TaxFreeRuleId = rules[0],
                ShippingTaxRuleId = rules[^1],
                InvoiceStatus = InvoiceStatus.Authorised,
                TaxRates = rates.Select(r => new TaxRateMapping { RateId = r, TaxClass = "standard", Description = $"rate {r}", TaxRuleId = rules[^1] }).ToList(),
                PaymentMappings = [new PaymentMapping { GatewayId = "bacs", GatewayTitle = "Direct bank transfer", AccountId = account }],
            }.ToJson();
            await db.SaveChangesAsync();
        }

        // A shopper in New York City (state and city rates) buys two shirts, ships by flat rate and pays by transfer.
        using (var control = new HttpClient { BaseAddress = new Uri(store.BaseUrl + "/__emulator/") })
        {
            var checkout = await control.PostAsJsonAsync("checkout", new JsonObject
            {
                ["billing"] = new JsonObject
                {
                    ["first_name"] = "Dana", ["last_name"] = "Shopper", ["address_1"] = "1 Broadway", ["city"] = "New York", ["state"] = "NY",
                    ["postcode"] = "10001", ["country"] = "US", ["email"] = "dana@example.test",
                },
                ["line_items"] = new JsonArray(new JsonObject { ["product_id"] = 12, ["quantity"] = 2 }),
                ["shipping_method"] = "flat_rate", ["payment_method"] = "bacs", ["paid"] = true, ["transaction_id"] = "TRX-1001",
            });
            checkout.IsSuccessStatusCode.ShouldBeTrue(await checkout.Content.ReadAsStringAsync());
        }

        await using var session = await fixture.OpenSessionAsync(nameof(Order_PlacedInTheStore_BecomesASaleLinkedFromTheLog), server);
        var page = session.Page;
        await page.SetViewportSizeAsync(1440, 900);
        await session.SignInAsync(owner.Email, owner.Password);
        // The webhook, the drain and the processing each run within moments: wait for the sale, then read the Log.
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            await using var db = server.Services.GetRequiredService<IPortalDbContextFactory>().CreateForOrganization(owner.OrganizationId);
            if (await db.Sales.AnyAsync(s => s.StoreId == storeId))
            {
                break;
            }

            await Task.Delay(250);
        }

        await session.GotoAsync($"integrations/woocommerce/{storeId}/orders");
        await Expect(page.Locator("#pending-orders")).ToContainTextAsync("No pending order.");
        var link = page.Locator("#order-log .log-sale-link");
        for (var attempt = 0; attempt < 10 && !await link.IsVisibleAsync(); attempt++)
        {
            // A click before the page is interactive is lost: click the tab again until the Log shows.
            await page.GetByRole(AriaRole.Tab, new() { Name = "Log" }).ClickAsync();
            await page.WaitForTimeoutAsync(1000);
        }

        var entry = page.Locator("#order-log .mud-table-body tr", new PageLocatorOptions { HasText = "Dana Shopper" });
        await Expect(entry).ToContainTextAsync("Sale");
        await Expect(link).ToBeVisibleAsync();
        await session.ScreenshotAsync("log-links-sale");

        await link.ClickAsync();
        await Expect(page.Locator("#sale-title")).ToBeVisibleAsync();
        var body = page.Locator("body");
        await Expect(body).ToContainTextAsync("Dana Shopper");
        var lines = page.Locator("#order-lines");
        await Expect(lines).ToContainTextAsync("SHIRT-OXF-001");
        await Expect(lines).ToContainTextAsync("Shipping");
        (await page.Locator("#total-tax").InnerTextAsync()).ShouldNotBe("0.00", "the store's New York taxes are on the sale");
        var total = await page.Locator("#total").InnerTextAsync();
        (await page.Locator("#total-paid").InnerTextAsync()).ShouldBe(total);
        await Expect(page.Locator("#balance-due")).ToHaveTextAsync("0.00");
        await session.ScreenshotAsync("sale-from-order");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Payments" }).ClickAsync();
        await Expect(page.Locator("#payments")).ToContainTextAsync("TRX-1001");
        await page.SetViewportSizeAsync(390, 844);
        // At 390 px the Order tab has scrolled out of the tab bar (its arrows bring it back); the phone layout of the
        // sale page itself is PhoneLayoutTests'.
        await session.ScreenshotAsync("sale-payment-phone");
        session.ShouldHaveNoBrowserErrors();
    }
}
