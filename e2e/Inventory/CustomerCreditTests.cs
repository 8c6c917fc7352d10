using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Domain.Customers;
using Portal.Domain.Sales;
using Portal.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E.Inventory;

/// <summary>A customer's credit (kept from a store payment that exceeded its sale) shows on the customers page.</summary>
[Collection(PortalCollection.Name)]
public sealed class CustomerCreditTests(PortalFixture fixture)
{
    [Fact]
    public async Task Customers_WhenAStorePaymentExceededItsSale_ThenTheCustomersCreditShows()
    {
        var owner = await fixture.Server.CreateOrganizationAsync("Credit");
        var (overpaid, other) = await SeedAsync(owner.OrganizationId);
        await using var session = await fixture.OpenSessionAsync(nameof(Customers_WhenAStorePaymentExceededItsSale_ThenTheCustomersCreditShows));
        var page = session.Page;
        await session.SignInAsync(owner.Email, owner.Password);
        await session.GotoAsync("/customers");

        await Expect(page.Locator($"#customer-credit-{overpaid}")).ToHaveTextAsync("12.50");
        await Expect(page.Locator($"#customer-credit-{other}")).ToHaveTextAsync("0.00");
        await session.ScreenshotAsync("customer-credit");
        session.ShouldHaveNoBrowserErrors();
    }

    private async Task<(int Overpaid, int Other)> SeedAsync(int organizationId)
    {
        await using var db = fixture.Server.Services.GetRequiredService<IPortalDbContextFactory>().CreateForOrganization(organizationId);
        var location = await db.Locations.SingleAsync(l => l.IsDefault);
        var overpaid = Customer.Create(organizationId, "Martinez & Sons Hardware Inc.");
        var other = Customer.Create(organizationId, "Nguyen Design Studio LLC");
        db.AddRange(overpaid, other);
        await db.SaveChangesAsync();
        var now = fixture.Server.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var sale = Sale.Create(organizationId, new SaleHeader { CustomerId = overpaid.Id, LocationId = location.Id, Reference = "196" },
            SaleOrigin.FromStore(1, "196"), now);
        sale.AddLine(null, "Ergonomic Desk Mat", 2, 29.99m);
        db.Sales.Add(sale);
        await db.SaveChangesAsync();
        db.CustomerCredits.Add(sale.KeepExcessAsCredit(sale.Total + 12.50m, now).Credit!);
        await db.SaveChangesAsync();
        return (overpaid.Id, other.Id);
    }
}
