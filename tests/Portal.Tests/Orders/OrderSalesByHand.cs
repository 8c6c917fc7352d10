using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Customers;
using Portal.Domain.Sales;
using Portal.Features.Sales;
using Portal.WooCommerce;

namespace Portal.Tests.Orders;

/// <summary>
/// Makes the sale of a WooCommerce order the way the order-to-sale path does (issue 15): store origin with the
/// order's WooCommerce id and the store's normalized address, lines by SKU at the store's prices and taxes, shipping
/// as a charge. The tracking export tests still make their sales here (the refund tests go through capture and
/// processing).
/// </summary>
public static class OrderSalesByHand
{
    public static async Task<int> CreateAsync(
        OrderWorld world, long wooOrderId, AutoFulfilmentMode fulfilment = AutoFulfilmentMode.None, bool placeOrder = true, int? carrierId = null)
    {
        var order = await world.WithAsync(sp => sp.GetRequiredService<StoreClients>().For(world.Store).GetOrderAsync(wooOrderId));
        int customerId;
        Dictionary<string, int> products;
        await using (var db = world.Db())
        {
            var customer = await db.Customers.FirstOrDefaultAsync(c => c.Name == "WooCommerce shoppers");
            if (customer is null)
            {
                customer = Customer.Create(world.OrganizationId, "WooCommerce shoppers");
                db.Customers.Add(customer);
                await db.SaveChangesAsync();
            }

            customerId = customer.Id;
            products = await db.Products.ToDictionaryAsync(p => p.Sku, p => p.Id);
        }

        var lines = (order.LineItems ?? []).Select(l => new SaleLineInput(
            l.Sku is { } sku && products.TryGetValue(sku, out var id) ? id : null, l.Name, l.Quantity ?? 0,
            Math.Round((l.Subtotal ?? 0m) / (l.Quantity ?? 1), 4), TaxRuleId: world.TaxRule, GivenTax: l.SubtotalTax ?? 0m)).ToList();
        var charges = (order.ShippingLines ?? []).Where(s => (s.Total ?? 0m) != 0m)
            .Select(s => new SaleChargeInput(s.MethodTitle ?? "Shipping", s.Total!.Value, world.TaxRule, s.TotalTax ?? 0m)).ToList();
        var header = new SaleHeader { CustomerId = customerId, LocationId = world.Warehouse, CarrierId = carrierId };
        var draft = new SaleDraft(header, lines, charges)
        {
            Origin = SaleOrigin.FromStore(world.Store.Id, order.Number ?? wooOrderId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                order.Id, world.Store.NormalizedUrl),
        };
        var result = await world.WithAsync(sp => sp.GetRequiredService<SaleOperations>()
            .CreateAsync(world.Tenant, draft, placeOrder, AutoAssemblyMode.None, fulfilment));
        result.Succeeded.ShouldBeTrue(result.Error);
        return result.Value!.SaleId;
    }
}
