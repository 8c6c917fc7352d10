using Microsoft.EntityFrameworkCore;
using Portal.Data.Tenancy;
using Portal.Domain.Catalog;
using Portal.Domain.Customers;
using Portal.Domain.Organizations;
using Portal.Domain.Reference;
using Portal.Domain.Sales;
using Portal.Domain.Stock;

namespace Portal.Data.Tests.Mapping;

/// <summary>Every part of the inventory and sales model survives a save and a load in a fresh context.</summary>
public sealed class RoundTripTests
{
    private static readonly DateTime Now = new(2026, 3, 14, 9, 30, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Product_WhenSavedWithFamilyPricesImagesFieldsAndBom_ThenLoadsBackTheSame()
    {
        await using var database = await SqliteDatabase.CreateAsync();
        var org = await database.CreateOrganizationAsync("Acme");
        int kitId;
        await using (var db = database.For(org))
        {
            var part = Product.Create(org, "PART", "Part");
            part.SoldInFractions = true; // the kit takes 2.5 of it
            var family = ProductFamily.Create(org, "T-Shirt", ["Colour", "Size"]);
            family.AddVariant("TS-RED-L", ["Red", "L"]);
            db.AddRange(part, family);
            await db.SaveChangesAsync();

            var kit = Product.Create(org, "KIT", "Kit");
            kit.SetTags(["gift", "bundle"]);
            kit.SetDimensions(1.25m, 10m, 20m, 30.5m);
            kit.SetPrice(1, 19.99m);
            kit.SetPrice(3, 15.5m);
            kit.SetImages(["https://img.example/1.png", "https://img.example/2.png"]);
            kit.SetCustomFields([new("Material", "Cotton")]);
            kit.SetBillOfMaterials([(part.Id, 2.5m)], new Dictionary<int, Product> { [part.Id] = part });
            db.Add(kit);
            await db.SaveChangesAsync();
            kitId = kit.Id;

            // Replacing the value lists is a delete + insert of owned rows.
            kit.SetPrice(1, 21m);
            kit.SetImages(["https://img.example/3.png"]);
            await db.SaveChangesAsync();
        }

        await using (var db = database.For(org))
        {
            var kit = await db.Products.SingleAsync(p => p.Id == kitId);
            kit.Tags.ShouldBe(["gift", "bundle"]);
            kit.Weight.ShouldBe(1.25m);
            kit.Length.ShouldBe(30.5m);
            kit.Prices.Select(p => (p.Tier, p.Price)).ShouldBe([(1, 21m), (3, 15.5m)], ignoreOrder: true);
            kit.Images.Select(i => i.Url).ShouldBe(["https://img.example/3.png"]);
            kit.CustomFields.ShouldHaveSingleItem().ShouldBe(new ProductCustomField("Material", "Cotton"));
            kit.BillOfMaterials.ShouldHaveSingleItem().Quantity.ShouldBe(2.5m);
            kit.IsAssembled.ShouldBeTrue();

            var family = await db.ProductFamilies.Include(f => f.Variants).SingleAsync();
            family.OptionNames.ShouldBe(["Colour", "Size"]);
            family.Variants.ShouldHaveSingleItem().Name.ShouldBe("T-Shirt - Red / L");
            (await db.ProductPricesCount()).ShouldBe(2);
        }
    }

    [Fact]
    public async Task Sale_WhenTakenThroughItsWholeLifecycle_ThenEveryPartLoadsBack()
    {
        await using var database = await SqliteDatabase.CreateAsync();
        var org = await database.CreateOrganizationAsync("Acme");
        int saleId;
        await using (var db = database.For(org))
        {
            var location = Location.Create(org, "Main");
            var carrier = Carrier.LocalPickup(org);
            var bank = Account.Create(org, "1000", "Bank", AccountType.Bank, true);
            var tax = TaxRule.Create(org, "GST", 10m, false);
            var customer = Customer.Create(org, "Jane");
            customer.BillingAddress = new Address { Line1 = "1 Main St", City = "Springfield" };
            var widget = Product.Create(org, "WIDGET", "Widget");
            db.AddRange(location, carrier, bank, tax, customer, widget);
            await db.SaveChangesAsync();

            var sale = Sale.Create(org, new SaleHeader
            {
                CustomerId = customer.Id,
                LocationId = location.Id,
                CarrierId = carrier.Id,
                PaymentTermDays = 14,
                ShippingAddress = new Address { Line1 = "2 Side St", Country = "AU" },
            }, SaleOrigin.FromStore(5, "1001"), Now);
            sale.AddLine(widget, null, 2m, 12.5m, 10m, tax);
            sale.AddCharge("Shipping", 5m, tax, givenTax: 0.45m);
            db.Add(sale);
            await db.SaveChangesAsync();

            var ledger = new StockLedger(org, Now, [], []);
            ledger.Adjust(widget.Id, location.Id, 5m, "opening");
            sale.PlaceOrder(ledger, new Dictionary<int, Product> { [widget.Id] = widget }, AutoAssemblyMode.None,
                AutoFulfilmentMode.PickPackShip);
            sale.AddTrackingNumber("TRACK-1");
            sale.AssignInvoiceNumber(1);
            sale.AuthoriseInvoice(Now);
            sale.RecordPayment(bank, 10m, Now, "card");
            sale.CreateCreditNote(Now, [new CreditNoteLineInput("Damaged", 5m, tax)], [new RestockInput(widget.Id, 1m)], ledger);
            db.AddRange(ledger.Effects.NewBalances);
            db.AddRange(ledger.Effects.NewMovements);
            db.AddRange(ledger.Effects.NewAllocations);
            db.AddRange(ledger.Effects.StockChanges);
            db.RemoveRange(ledger.Effects.ReleasedAllocations);
            await db.SaveChangesAsync();
            saleId = sale.Id;
        }

        await using (var db = database.For(org))
        {
            var sale = await db.Sales.AsSplitQuery()
                .Include(s => s.Lines).Include(s => s.Charges).Include(s => s.Payments)
                .Include(s => s.TrackingNumbers).Include(s => s.CreditNotes)
                .SingleAsync(s => s.Id == saleId);
            sale.Status.ShouldBe(SaleStatus.Shipped);
            sale.StoreOrderNumber.ShouldBe("1001");
            sale.ShippingAddress.ShouldBe(new Address { Line1 = "2 Side St", Country = "AU" });
            sale.BillingAddress.ShouldBe(Address.Empty);
            sale.InvoiceNumber.ShouldBe("INV-00001");
            sale.InvoiceDueDate.ShouldBe(Now.Date.AddDays(14));
            var line = sale.Lines.ShouldHaveSingleItem();
            line.Total.ShouldBe(22.5m);
            line.Tax.ShouldBe(new LineTax(line.Tax.TaxRuleId, 10m, false, false, 2.25m));
            sale.Charges.ShouldHaveSingleItem().Tax.IsGiven.ShouldBeTrue();
            sale.Charges.Single().Tax.Amount.ShouldBe(0.45m);
            sale.Total.ShouldBe(22.5m + 2.25m + 5m + 0.45m);
            sale.AmountPaid.ShouldBe(10m);
            sale.TrackingNumbers.ShouldHaveSingleItem().Number.ShouldBe("TRACK-1");
            var note = sale.CreditNotes.ShouldHaveSingleItem();
            note.Lines.ShouldHaveSingleItem().Tax.Amount.ShouldBe(0.5m);
            note.RestockLines.ShouldHaveSingleItem().Quantity.ShouldBe(1m);
            sale.RestockedQuantity(line.ProductId!.Value).ShouldBe(1m);

            var balance = await db.StockBalances.SingleAsync();
            balance.OnHand.ShouldBe(5m - 2m + 1m);
            (await db.StockMovements.SumAsync(m => m.Quantity)).ShouldBe(balance.OnHand);
            (await db.StockAllocations.CountAsync()).ShouldBe(0);
            (await db.StockChanges.Select(c => c.ProductId).ToListAsync()).ShouldBe([line.ProductId.Value]);
        }
    }

    [Fact]
    public async Task Customer_WhenSavedWithThreeAddresses_ThenEachLoadsBackIntoItsOwnColumns()
    {
        await using var database = await SqliteDatabase.CreateAsync();
        var org = await database.CreateOrganizationAsync("Acme");
        await using (var db = database.For(org))
        {
            var customer = Customer.Create(org, "Jane");
            customer.BillingAddress = new Address { Line1 = "B" };
            customer.ShippingAddress = new Address { Line1 = "S", Postcode = "2000" };
            customer.ChangeEmail("jane@example.com");
            customer.ChangePriceTier(4);
            db.Add(customer);
            await db.SaveChangesAsync();
        }

        await using (var db = database.For(org))
        {
            var customer = await db.Customers.SingleAsync();
            customer.BillingAddress.ShouldBe(new Address { Line1 = "B" });
            customer.ShippingAddress.ShouldBe(new Address { Line1 = "S", Postcode = "2000" });
            customer.BusinessAddress.IsEmpty.ShouldBeTrue();
            customer.PriceTier.ShouldBe(4);
            customer.Email.ShouldBe("jane@example.com");
        }
    }
}
