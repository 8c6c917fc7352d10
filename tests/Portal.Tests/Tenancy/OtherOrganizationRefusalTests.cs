using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Tenancy;
using Portal.Domain.Catalog;
using Portal.Domain.Customers;
using Portal.Domain.Integrations;
using Portal.Domain.Sales;
using Portal.Domain.Stock;
using Portal.Features.Sales;
using Portal.Tests.Identity;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Tenancy;

/// <summary>
/// Every page with an id in its route (read from the app's endpoints), opened with the id of another organization's
/// record or of none at all, as the browser gets it (prerendered): the page says the record does not exist, the same
/// words either way, and shows no form under it.
/// </summary>
public sealed partial class OtherOrganizationRefusalTests(SharedPortal shared) : IClassFixture<SharedPortal>
{
    private const int NoSuchId = 987_654;
    /// <summary>Support pages: an organization's user is sent to "access denied" before any id is looked at.</summary>
    private const string? SupportOnly = null;

    private PortalFactory Portal => shared.Portal;

    /// <summary>What each id route says for a record that is not the user's; a new id route must be added here.</summary>
    private static readonly Dictionary<string, Func<Records, int, (string Path, string? Message)>> IdPages = new()
    {
        ["/sales/{Id:int}"] = (r, id) => ($"/sales/{id}", $"Sale #{id} does not exist."),
        ["/sales/{SaleId:int}/edit"] = (r, id) => ($"/sales/{id}/edit", $"Sale #{id} does not exist."),
        ["/products/{Id:int}"] = (r, id) => ($"/products/{id}", "This product does not exist."),
        ["/integrations/woocommerce/{StoreId:int}"] = (r, id) => ($"/integrations/woocommerce/{id}", "This store does not exist in your organization."),
        ["/integrations/woocommerce/{StoreId:int}/settings"] = (r, id) => ($"/integrations/woocommerce/{id}/settings", "This store does not exist in your organization."),
        ["/integrations/woocommerce/{StoreId:int}/catalog"] = (r, id) => ($"/integrations/woocommerce/{id}/catalog", "This store does not exist in your organization."),
        ["/integrations/woocommerce/{StoreId:int}/orders"] = (r, id) => ($"/integrations/woocommerce/{id}/orders", "This store does not exist in your organization."),
        ["/support/organizations/{OrganizationId:int}"] = (r, id) => ($"/support/organizations/{id}", SupportOnly),
        ["/support/organizations/{OrganizationId:int}/stores/{StoreId:int}"] = (r, id) => ($"/support/organizations/{r.Organization}/stores/{id}", SupportOnly),
    };

    private sealed record Records(int Organization, int Sale, int OrderedSale, int Product, int Store);

    [Fact]
    public void IdPages_AreEveryPageWithAnIdInItsRoute()
    {
        var routes = Portal.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null &&
                e.RoutePattern.Parameters.Any(p => p.Name.EndsWith("Id", StringComparison.Ordinal)))
            .Select(e => e.RoutePattern.RawText!)
            .ToHashSet();

        routes.ShouldBe(IdPages.Keys, ignoreOrder: true);
    }

    [Fact]
    public async Task IdPages_WhenTheRecordIsAnotherOrganizations_ThenSayItDoesNotExistAndShowNoForm()
    {
        var theirs = await CreateRecordsAsync();
        var (_, email, password) = await Portal.CreateOrganizationAsync();
        using var client = await AccountBrowser.SignedInAsync(Portal, email, password);

        foreach (var (route, page) in IdPages)
        {
            var id = route.StartsWith("/sales/", StringComparison.Ordinal) ? theirs.Sale
                : route.StartsWith("/products/", StringComparison.Ordinal) ? theirs.Product
                : route.Contains("{StoreId", StringComparison.Ordinal) ? theirs.Store
                : theirs.Organization;
            await ShouldRefuseAsync(client, page(theirs, id));
        }
    }

    [Fact]
    public async Task IdPages_WhenTheRecordDoesNotExist_ThenSayTheSameAndShowNoForm()
    {
        var mine = await CreateRecordsWithOwnerAsync();
        using var client = await AccountBrowser.SignedInAsync(Portal, mine.OwnerEmail, mine.OwnerPassword);

        foreach (var page in IdPages.Values)
        {
            await ShouldRefuseAsync(client, page(mine.Records, NoSuchId));
        }
    }

    [Fact]
    public async Task EditSale_WhenTheSaleIsTheOrganizationsOwnDraft_ThenShowsTheForm_AndWhenOrderedOnlyTheReason()
    {
        var mine = await CreateRecordsWithOwnerAsync();
        using var client = await AccountBrowser.SignedInAsync(Portal, mine.OwnerEmail, mine.OwnerPassword);

        // The check below sees a form where there is one.
        HasForm(await client.GetStringAsync($"/sales/{mine.Records.Sale}/edit")).ShouldBeTrue();

        var ordered = await client.GetStringAsync($"/sales/{mine.Records.OrderedSale}/edit");
        ordered.ShouldContain("Only a draft sale can be edited here: its order is authorised or it was voided.");
        HasForm(ordered).ShouldBeFalse();
    }

    private static async Task ShouldRefuseAsync(HttpClient client, (string Path, string? Message) page)
    {
        var response = await client.GetAsync(page.Path);
        if (page.Message is null)
        {
            AccountBrowser.Location(client, response).AbsolutePath.ShouldBe("/Account/AccessDenied", page.Path);
            return;
        }

        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, page.Path);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain(page.Message, customMessage: page.Path);
        HasForm(html).ShouldBeFalse(page.Path);
    }

    /// <summary>Any field a user could fill in (MudBlazor inputs render an input or textarea); hidden inputs aside.</summary>
    private static bool HasForm(string html) => VisibleField().IsMatch(html);

    [GeneratedRegex("<textarea|<input(?![^>]*type=\"hidden\")", RegexOptions.IgnoreCase)]
    private static partial Regex VisibleField();

    private async Task<(Records Records, string OwnerEmail, string OwnerPassword)> CreateRecordsWithOwnerAsync()
    {
        var (org, email, password) = await Portal.CreateOrganizationAsync();
        var tenant = FixedTenant.For(org);
        int customer, location, product, store;
        await using (var db = Portal.OpenDatabase(tenant))
        {
            var c = Customer.Create(org, "Jane Buyer");
            var l = Location.Create(org, "Warehouse");
            var p = Product.Create(org, "WIDGET-" + org, "Widget");
            var s = new ConnectedStore
            {
                OrganizationId = org, PublicKey = "refusal" + Guid.NewGuid().ToString("N"), Name = "Private shop",
                Url = $"https://shop{org}.example", NormalizedUrl = $"shop{org}.example", Status = StoreStatus.Connected,
            };
            db.AddRange(c, l, p, s);
            await db.SaveChangesAsync();
            (customer, location, product, store) = (c.Id, l.Id, p.Id, s.Id);
        }

        await using var scope = Portal.Services.CreateAsyncScope();
        var sales = scope.ServiceProvider.GetRequiredService<SaleOperations>();
        var draft = new SaleDraft(new SaleHeader { CustomerId = customer, LocationId = location },
            [new SaleLineInput(product, null, 1m, 10m)], []);
        var sale = await sales.CreateAsync(tenant, draft, placeOrder: false);
        var ordered = await sales.CreateAsync(tenant, draft, placeOrder: true);
        sale.Succeeded.ShouldBeTrue(sale.Error);
        ordered.Succeeded.ShouldBeTrue(ordered.Error);
        return (new Records(org, sale.Value!.SaleId, ordered.Value!.SaleId, product, store), email, password);
    }

    private async Task<Records> CreateRecordsAsync() => (await CreateRecordsWithOwnerAsync()).Records;
}
