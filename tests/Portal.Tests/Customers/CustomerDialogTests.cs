using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Domain.Customers;
using Portal.Domain.Organizations;
using Portal.Features.Customers;
using Portal.Tests.Components;
using Portal.Tests.Inventory;
using UserTenant = Portal.Tests.Sales.SalesBunit.UserTenant;

namespace Portal.Tests.Customers;

/// <summary>The real customer dialog on a real SQLite database, opened through MudBlazor's dialog service.</summary>
public sealed class CustomerDialogTests : IAsyncLifetime
{
    private readonly BunitHost _bunit = new();
    private InventoryDatabase _database = null!;
    private InventorySeed _seed = null!;

    public async Task InitializeAsync()
    {
        _database = await InventoryDatabase.CreateAsync();
        _seed = await InventorySeed.CreateAsync(_database);
        _bunit.Context.Services.AddInventoryPages(_database, new UserTenant(_seed.Org, Permissions.Administrator));
    }

    public async Task DisposeAsync()
    {
        await _bunit.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Save_WhenAnotherTabSavedTheCustomerFirst_ThenTheConflictShowsTheirValuesKeepsTheUsersEntriesAndASecondSaveAppliesThem()
    {
        var host = _bunit.RenderProviders();
        var opened = await CustomerAsync();
        var dialog = await _bunit.ShowDialogAsync(host, new DialogParameters<CustomerDialog> { { d => d.Customer, opened }, { d => d.CanEdit, true } });
        host.WaitForElement("#customer-name");

        // Another tab saves the same customer: a phone number and a billing city.
        var book = _bunit.Context.Services.GetRequiredService<CustomerBook>();
        (await book.SaveAsync(_seed.Tenant, _seed.Customer, new CustomerInput
        {
            Name = "Jane Buyer", Phone = "555-0100", BillingAddress = new Address { Line1 = "1 High Street", City = "Leeds" },
        }, expectedVersion: opened.Version)).Succeeded.ShouldBeTrue();

        host.Find("#customer-name").Input("Jane Buyer Ltd");
        host.Find("#customer-email").Input("jane@example.test");
        host.Find("#save-customer").Click();

        host.WaitForAssertion(() => host.Find("#customer-conflict").TextContent.ShouldContain("Someone else saved this customer"), TimeSpan.FromSeconds(10));
        var rows = host.FindAll("#customer-conflict tbody tr").Select(r => r.TextContent).ToList();
        rows.ShouldContain(r => r.Contains("Name") && r.Contains("Jane Buyer Ltd"));
        rows.ShouldContain(r => r.Contains("Phone") && r.Contains("555-0100"));
        rows.ShouldContain(r => r.Contains("Billing address") && r.Contains("1 High Street") && r.Contains("Leeds"));
        host.Find("#customer-name").GetAttribute("value").ShouldBe("Jane Buyer Ltd");
        host.Find("#customer-email").GetAttribute("value").ShouldBe("jane@example.test");
        dialog.Result.IsCompleted.ShouldBeFalse();
        var stored = await CustomerAsync();
        (stored.Name, stored.Email, stored.Phone, stored.BillingAddress.City).ShouldBe(("Jane Buyer", (string?)null, "555-0100", "Leeds"));

        // Saving again applies the user's entries over the version now shown.
        host.Find("#save-customer").Click();
        await dialog.Result.WaitAsync(TimeSpan.FromSeconds(10));
        stored = await CustomerAsync();
        (stored.Name, stored.Email).ShouldBe(("Jane Buyer Ltd", "jane@example.test"));
    }

    [Fact]
    public async Task Save_WhenTheNameIsEmpty_ThenTheNameSaysSoOnceAndTheSummaryOnlyPointsAtIt()
    {
        var host = _bunit.RenderProviders();
        var opened = await CustomerAsync();
        var dialog = await _bunit.ShowDialogAsync(host, new DialogParameters<CustomerDialog> { { d => d.Customer, opened }, { d => d.CanEdit, true } });
        host.WaitForElement("#customer-name");

        host.Find("#customer-name").Input("   ");
        host.Find("#save-customer").Click();

        host.WaitForAssertion(() => host.Find("#customer-error").TextContent.ShouldBe(Portal.Features.Common.ErrorSummary.NothingSaved), TimeSpan.FromSeconds(10));
        host.WaitForAssertion(() => host.FindAll(".mud-input-helper-text.mud-input-error").ShouldNotBeEmpty());
        var fieldError = host.Find(".mud-input-helper-text.mud-input-error").TextContent.Trim();
        fieldError.ShouldNotBeEmpty();
        System.Text.RegularExpressions.Regex.Matches(host.Markup, System.Text.RegularExpressions.Regex.Escape(fieldError)).Count.ShouldBe(1);
        dialog.Result.IsCompleted.ShouldBeFalse();
        (await CustomerAsync()).Name.ShouldBe(opened.Name);
    }

    private async Task<Customer> CustomerAsync()
    {
        await using var db = _database.For(_seed.Org);
        return await db.Customers.AsNoTracking().SingleAsync(c => c.Id == _seed.Customer);
    }
}
