using Microsoft.EntityFrameworkCore;
using Portal.Domain.Customers;
using Portal.Domain.Integrations;
using Portal.Features.StoreCatalog;
using Portal.Tests.Integrations;

namespace Portal.Tests.Catalog;

/// <summary>"Download → Customers" from the fixture store's six customers (each with a company and an address).</summary>
public sealed class DownloadCustomersTests(StorePortalFixture fx) : IClassFixture<StorePortalFixture>
{
    [Fact]
    public async Task Download_WhenPortalHasTheEmailOrTheCompany_ThenMatchedAndASecondRunChangesNothing()
    {
        var shop = await CatalogTestStore.ConnectAsync(fx);
        await using var emulator = shop.Emulator;
        int aliceId, schmidtId;
        await using (var db = shop.Db())
        {
            var alice = Customer.Create(shop.Org, "Alice at the studio");
            alice.ChangeEmail("ALICE.NGUYEN@EXAMPLE.TEST");
            var schmidt = Customer.Create(shop.Org, "Schmidt");
            schmidt.Company = "schmidt gmbh";
            db.Customers.AddRange(alice, schmidt);
            await db.SaveChangesAsync();
            (aliceId, schmidtId) = (alice.Id, schmidt.Id);
        }

        var first = Report(await shop.RunAsync(CatalogOperationKind.DownloadCustomers));

        (first.Created, first.Updated).ShouldBe((4, 2));
        await using (var db = shop.Db())
        {
            var customers = await db.Customers.AsNoTracking().ToListAsync();
            customers.Count.ShouldBe(6);
            var alice = customers.Single(c => c.Id == aliceId);
            (alice.Name, alice.Contact, alice.Company).ShouldBe(("Alice at the studio", "Alice Nguyen", "Nguyen Design Studio LLC"));
            (alice.BillingAddress.City, alice.BusinessAddress.Line1, alice.ShippingAddress.Postcode).ShouldBe(("San Francisco", "1200 Market St", "94102"));
            customers.Single(c => c.Id == schmidtId).Email.ShouldBe("dieter.schmidt@example.de");
            var bob = customers.Single(c => c.Email == "bob.martinez@example.test");
            (bob.Name, bob.Phone, bob.BillingAddress.Country).ShouldBe(("Martinez & Sons Hardware Inc.", "+1 212 555 0199", "US"));
        }

        var second = Report(await shop.RunAsync(CatalogOperationKind.DownloadCustomers));

        (second.Created, second.Updated, second.Unchanged).ShouldBe((0, 0, 6));
        await using (var db = shop.Db())
        {
            (await db.Customers.CountAsync()).ShouldBe(6);
        }
    }

    private static CustomerDownloadReport Report(CatalogOperation operation) =>
        CustomerDownloadReport.FromJson(operation.ResultJson).ShouldNotBeNull();
}
