using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.Domain.Catalog;
using Portal.Domain.Customers;
using Portal.Domain.Reference;
using Portal.Domain.Sales;
using Portal.Domain.Stock;
using Portal.Features.Integrations;
using Portal.Features.Sales;
using Portal.Features.Stock;
using WooCommerce.Emulator;
using KeyPermission = WooCommerce.Emulator.Model.KeyPermission;

namespace Portal.E2E.Infrastructure;

/// <summary>
/// A connected store with the settings a test asks for, a shopper's paid order (two Oxford shirts, Texas: no tax) and
/// its sale, picked and packed, made as the order-to-sale path makes it (store origin with the WooCommerce order id).
/// The portal has the shirt (20 on hand) and the carrier UPS with a tracking URL.
/// </summary>
public static class StoreSales
{
    public static async Task<(int StoreId, int SaleId, int OrderId)> SeedAsync(
        PortalServer server, WooEmulator store, int organizationId, Action<StoreSettings> configure, bool authoriseInvoice = false)
    {
        var tenant = FixedTenant.For(organizationId);
        var key = store.CreateKey(KeyPermission.ReadWrite);
        await using var scope = server.Services.CreateAsyncScope();
        var connected = await scope.ServiceProvider.GetRequiredService<ConnectStore>()
            .ConnectClassicAsync(tenant, "Linen shop", store.BaseUrl, key.ConsumerKey, key.ConsumerSecret, false);
        connected.Failure.ShouldBe(ConnectFailure.None, connected.Message);
        var storeId = connected.StoreId!.Value;

        int orderId;
        using (var control = new HttpClient { BaseAddress = new Uri(store.BaseUrl + "/__emulator/") })
        {
            var checkout = await control.PostAsJsonAsync("checkout", new JsonObject
            {
                ["billing"] = new JsonObject
                {
                    ["first_name"] = "Dana", ["last_name"] = "Shopper", ["address_1"] = "1 Main St", ["city"] = "Austin", ["state"] = "TX",
                    ["postcode"] = "73301", ["country"] = "US", ["email"] = "dana@example.test",
                },
                ["line_items"] = new JsonArray(new JsonObject { ["product_id"] = 12, ["quantity"] = 2 }),
                ["shipping_method"] = "flat_rate", ["payment_method"] = "bacs", ["paid"] = true,
            });
            var text = await checkout.Content.ReadAsStringAsync();
            checkout.IsSuccessStatusCode.ShouldBeTrue(text);
            orderId = JsonNode.Parse(text)!["id"]!.GetValue<int>();
        }

        // The sale takes the store's price, as the order-to-sale path does.
        decimal price;
        lock (store.Store.Sync)
        {
            var line = store.Store.Order(orderId)!.Items.Single(i => i.Kind == "line_item");
            price = Math.Round(line.Subtotal / line.Quantity, 4);
        }

        int productId, customerId, locationId;
        string storeUrl;
        await using (var db = scope.ServiceProvider.GetRequiredService<IPortalDbContextFactory>().CreateForOrganization(organizationId))
        {
            var product = Product.Create(organizationId, "SHIRT-OXF-001", "Oxford shirt");
            var customer = Customer.Create(organizationId, "Dana Shopper");
            db.AddRange(product, customer, Carrier.Create(organizationId, "UPS").WithTrackingUrlTemplate("https://www.ups.com/track?tracknum={tracking}"));
            var storeRow = await db.Stores.SingleAsync(s => s.Id == storeId);
            var settings = new StoreSettings();
            configure(settings);
            storeRow.SettingsJson = settings.ToJson();
            storeUrl = storeRow.NormalizedUrl;
            await db.SaveChangesAsync();
            (productId, customerId) = (product.Id, customer.Id);
            locationId = await db.Locations.Where(l => l.IsDefault).Select(l => l.Id).SingleAsync();
            var ledger = new StockLedger(organizationId, DateTime.UtcNow, [], []);
            ledger.Adjust(productId, locationId, 20m, "count");
            LedgerLoading.Stage(db, ledger);
            await db.SaveChangesAsync();
        }

        var draft = new SaleDraft(new SaleHeader { CustomerId = customerId, LocationId = locationId },
            [new SaleLineInput(productId, null, 2m, price)], [])
        {
            Origin = SaleOrigin.FromStore(storeId, orderId.ToString(System.Globalization.CultureInfo.InvariantCulture), orderId, storeUrl),
        };
        var operations = scope.ServiceProvider.GetRequiredService<SaleOperations>();
        var sale = await operations.CreateAsync(tenant, draft, placeOrder: true, AutoAssemblyMode.None, AutoFulfilmentMode.PickPack);
        sale.Succeeded.ShouldBeTrue(sale.Error);
        if (authoriseInvoice)
        {
            var invoice = await operations.AuthoriseInvoiceAsync(tenant, sale.Value!.SaleId);
            invoice.Succeeded.ShouldBeTrue(invoice.Error);
        }

        return (storeId, sale.Value!.SaleId, orderId);
    }
}
