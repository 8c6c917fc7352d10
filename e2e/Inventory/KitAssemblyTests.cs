using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.Domain.Catalog;
using Portal.Domain.Customers;
using Portal.Domain.Sales;
using Portal.E2E.Infrastructure;
using Portal.Features.Sales;
using Portal.Features.Stock;
using static Microsoft.Playwright.Assertions;
using static Portal.E2E.Infrastructure.MudInputs;
using Location = Portal.Domain.Stock.Location;

namespace Portal.E2E.Inventory;

/// <summary>
/// A kit out of stock does not stall a sale (issue 18): the sale assembles what its kit line lacks, and the stock page
/// assembles kits at a location, refusing with the short components named when there are not enough.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class KitAssemblyTests(PortalFixture fixture)
{
    [Fact]
    public async Task Assemble_FromABackorderedSaleAndFromTheStockPage_ThenTheKitIsBuiltOrTheShortComponentsAreNamed()
    {
        var owner = await fixture.Server.CreateOrganizationAsync("Kits");
        var tenant = FixedTenant.For(owner.OrganizationId);
        var contexts = fixture.Server.Services.GetRequiredService<IPortalDbContextFactory>();
        int kitId, saleId;
        await using (var db = contexts.CreateForOrganization(owner.OrganizationId))
        {
            var main = await db.Locations.SingleAsync(l => l.IsDefault);
            var customer = Customer.Create(owner.OrganizationId, "Garden Centre Ltd");
            var bulb = Product.Create(owner.OrganizationId, "BULB-TULIP", "Tulip bulb");
            db.AddRange(customer, bulb, Location.Create(owner.OrganizationId, "Market stall"));
            await db.SaveChangesAsync();
            var kit = Product.Create(owner.OrganizationId, "KIT-SPRING-BULBS", "Spring bulb gift box");
            kit.SetBillOfMaterials([(bulb.Id, 5m)], new Dictionary<int, Product> { [bulb.Id] = bulb });
            kit.SetPrice(1, 20m);
            db.Add(kit);
            await db.SaveChangesAsync();
            kitId = kit.Id;
            (await fixture.Server.Services.GetRequiredService<StockOperations>()
                .AdjustAsync(tenant, bulb.Id, main.Id, 40m, "Opening stock")).Succeeded.ShouldBeTrue();
            var created = await fixture.Server.Services.GetRequiredService<SaleOperations>().CreateAsync(tenant,
                new SaleDraft(new SaleHeader { CustomerId = customer.Id, LocationId = main.Id, PaymentTermDays = 30 },
                    [new SaleLineInput(kit.Id, null, 3m, 20m)], []),
                placeOrder: true, AutoAssemblyMode.None, AutoFulfilmentMode.None);
            created.Succeeded.ShouldBeTrue(created.Error);
            saleId = created.Value!.SaleId;
        }

        await using var session = await fixture.OpenSessionAsync(nameof(Assemble_FromABackorderedSaleAndFromTheStockPage_ThenTheKitIsBuiltOrTheShortComponentsAreNamed));
        var page = session.Page;
        await session.SignInAsync(owner.Email, owner.Password);

        // The sale: its kit line is backordered, and the sale offers to assemble exactly what is missing.
        await page.SetViewportSizeAsync(390, 844);
        await session.GotoAsync($"sales/{saleId}");
        var assemble = page.Locator($"#assemble-{kitId}");
        await Expect(assemble).ToHaveTextAsync("Assemble 3");
        await session.FitsAsync(390, "phone-sale-kit-backordered");
        await page.SetViewportSizeAsync(1440, 900);
        await session.FitsAsync(1440, "desktop-sale-kit-backordered");
        await assemble.ClickAsync();
        var allocation = page.Locator($"#allocation-{kitId}");
        await Expect(allocation.Locator(".on-hand")).ToHaveTextAsync("3");
        await Expect(allocation.Locator(".backorder")).ToHaveTextAsync("0");
        await Expect(assemble).ToHaveCountAsync(0);
        await Expect(page.Locator(".mud-snackbar", new() { HasText = "Assembled 3 × KIT-SPRING-BULBS – Spring bulb gift box" })).ToBeVisibleAsync();
        await session.FitsAsync(1440, "desktop-sale-kit-assembled");

        // The stock page: 25 bulbs are left at Main Warehouse, enough for 5 boxes and not for 6.
        foreach (var (width, height, name, quantity, refused) in new[] { (390, 844, "phone", "6", true), (1440, 900, "desktop", "5", false) })
        {
            await page.SetViewportSizeAsync(width, height);
            await session.GotoAsync("stock");
            await page.Locator("#assemble-kit").ClickAsync();
            var dialog = page.Locator(".mud-dialog");
            await Expect(dialog.Locator(".mud-dialog-title")).ToHaveTextAsync("Assemble a kit");
            await PickAsync(page, "#adjust-product", "SPRING", "KIT-SPRING-BULBS – Spring bulb gift box");
            await page.Locator("#adjust-quantity").FillAsync(quantity);
            await page.Locator("#adjust-quantity").BlurAsync();
            await session.FitsAsync(width, $"{name}-assemble-kit-dialog");
            await page.Locator("#save-adjustment").ClickAsync();
            if (refused)
            {
                await Expect(page.Locator("#adjust-error")).ToHaveTextAsync(
                    "Not enough components to assemble 6 × KIT-SPRING-BULBS – Spring bulb gift box: BULB-TULIP is short by 5. Adjust or transfer the components in first.");
                await session.FitsAsync(width, $"{name}-assemble-kit-refused");
            }
            else
            {
                await Expect(dialog).ToHaveCountAsync(0);
                var kitRow = page.Locator("#availability tr", new() { HasText = "KIT-SPRING-BULBS" }).First;
                await Expect(kitRow).ToContainTextAsync("8");
                await session.FitsAsync(width, $"{name}-kit-assembled");
            }
        }

        await using (var db = contexts.CreateForOrganization(owner.OrganizationId))
        {
            (await db.StockBalances.Where(b => b.ProductId == kitId).SumAsync(b => b.OnHand)).ShouldBe(8m);
            (await db.StockMovements.CountAsync(m => m.ProductId == kitId && m.Kind == Domain.Stock.StockMovementKind.AssemblyIn)).ShouldBe(2);
        }

        session.ShouldHaveNoBrowserErrors();
    }
}
