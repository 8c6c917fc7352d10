using WooCommerce.Emulator.Model;

namespace WooCommerce.Emulator.Seed;

/// <summary>
/// What a newly installed WooCommerce 11 has before anyone configures it: the administrator who installed it, the
/// three default tax classes, the "Locations not covered by your other zones" zone (id 0, no methods), the shipping
/// method types and the offline gateways, disabled and with their default titles. The fixture store starts from it.
/// </summary>
public static class NewStore
{
    public static readonly DateTime InstalledUtc = new(2026, 11, 26, 16, 35, 4, DateTimeKind.Utc);

    public static void Apply(Store store)
    {
        lock (store.Sync)
        {
            store.Clear();
            Install(store);
        }
    }

    /// <summary>Adds the installation defaults to an empty store (the caller holds the lock).</summary>
    public static void Install(Store store)
    {
        store.Customers.Add(new Customer { Id = 1, Email = "admin@example.test", Username = "admin", Role = "administrator", CreatedUtc = InstalledUtc, ModifiedUtc = InstalledUtc });
        store.NextUserId = Math.Max(store.NextUserId, 2);
        store.TaxClasses.AddRange([
            new TaxClass { Slug = "standard", Name = "Standard rate" }, new TaxClass { Slug = "reduced-rate", Name = "Reduced rate" },
            new TaxClass { Slug = "zero-rate", Name = "Zero rate" }]);
        store.ShippingZones.Add(new ShippingZone { Id = 0, Name = "Locations not covered by your other zones" });
        store.ShippingMethods.AddRange([
            new ShippingMethod { Id = "flat_rate", Title = "Flat rate", Description = "Lets you charge a fixed rate for shipping." },
            new ShippingMethod { Id = "free_shipping", Title = "Free shipping", Description = "Free shipping is a special method which can be triggered with coupons and minimum spends." },
            new ShippingMethod { Id = "local_pickup", Title = "Local pickup", Description = "Allow customers to pick up orders themselves." },
            new ShippingMethod { Id = "pickup_location", Title = "Local pickup", Description = "Allow customers to choose a local pickup location during checkout." }]);
        store.Gateways.AddRange([
            new PaymentGateway { Id = "bacs", Title = "Direct bank transfer", MethodTitle = "Direct bank transfer", Order = 1,
                Description = "Make your payment directly into our bank account. Please use your Order ID as the payment reference. Your order will not be shipped until the funds have cleared in our account.",
                MethodDescription = "Take payments in person via BACS. More commonly known as direct bank/wire transfer." },
            new PaymentGateway { Id = "cheque", Title = "Check payments", MethodTitle = "Check payments", Order = 2,
                Description = "Please send a check to Store Name, Store Street, Store Town, Store State / County, Store Postcode.", MethodDescription = "Take payments in person via checks." },
            new PaymentGateway { Id = "cod", Title = "Cash on delivery", MethodTitle = "Cash on delivery", Order = 3,
                Description = "Pay with cash upon delivery.", MethodDescription = "Let your shoppers pay upon delivery — by cash or other methods of payment." }]);
    }
}
