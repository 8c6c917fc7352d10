using Microsoft.EntityFrameworkCore;
using Portal.Domain.Customers;
using Portal.Domain.Organizations;
using Portal.Domain.Reference;
using Portal.Features.Common;
using Portal.Features.Customers;

namespace Portal.Tests.Inventory;

public sealed class CustomerBookTests
{
    [Fact]
    public async Task Save_WithEveryField_ThenCreatesAndUpdatesTheCustomer()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);
        int term, rule, rep;
        await using (var db = database.For(seed.Org))
        {
            var t = PaymentTerm.Create(seed.Org, "30 days", 30);
            var r = TaxRule.Create(seed.Org, "VAT", 20, false);
            var s = SalesRepresentative.Create(seed.Org, "Sam");
            db.AddRange(t, r, s);
            await db.SaveChangesAsync();
            (term, rule, rep) = (t.Id, r.Id, s.Id);
        }

        var book = new CustomerBook(new UnitOfWork(database));
        var input = new CustomerInput
        {
            Name = " Acme Ltd ", Contact = "Ann", Phone = "123", Email = "ann@acme.example", Company = "Acme",
            BillingAddress = new Address { Line1 = "1 Bill St", City = "Leeds" },
            ShippingAddress = new Address { Line1 = "2 Ship St" }, BusinessAddress = new Address { Country = "GB" },
            PriceTier = 3, PaymentTermId = term, TaxRuleId = rule, SalesRepresentativeId = rep,
        };

        var created = await book.SaveAsync(seed.Tenant, null, input);
        var updated = await book.SaveAsync(seed.Tenant, created.Value, input with { Name = "Acme Limited", PriceTier = 4 });

        updated.Error.ShouldBeNull();
        await using var check = database.For(seed.Org);
        var customer = await check.Customers.SingleAsync(c => c.Id == created.Value);
        (customer.Name, customer.PriceTier, customer.Email, customer.PaymentTermId, customer.TaxRuleId, customer.SalesRepresentativeId)
            .ShouldBe(("Acme Limited", 4, "ann@acme.example", (int?)term, (int?)rule, (int?)rep));
        customer.BillingAddress.ShouldBe(new Address { Line1 = "1 Bill St", City = "Leeds" });
        customer.BusinessAddress.Country.ShouldBe("GB");
    }

    [Fact]
    public async Task Save_WhenSeveralFieldsAreWrong_ThenEachErrorNamesItsFieldAndNothingIsStored()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);
        var other = await InventorySeed.CreateAsync(database, "Other");
        int othersTerm;
        await using (var db = database.For(other.Org))
        {
            var t = PaymentTerm.Create(other.Org, "Theirs", 10);
            db.Add(t);
            await db.SaveChangesAsync();
            othersTerm = t.Id;
        }

        var result = await new CustomerBook(new UnitOfWork(database)).SaveAsync(seed.Tenant, null, new CustomerInput
        {
            Name = "Bob", Email = "not-an-email", PriceTier = 11, PaymentTermId = othersTerm,
        });

        result.FieldErrors.Select(e => e.Field).ShouldBe(["Email", "PriceTier", "PaymentTermId"], ignoreOrder: true);
        await using var check = database.For(seed.Org);
        (await check.Customers.CountAsync(c => c.Name == "Bob")).ShouldBe(0);
    }
}
