using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Domain.Organizations;
using Portal.Features.Common;
using Portal.Features.Integrations;
using Portal.Features.Reference;
using Portal.Tests.Sales;

namespace Portal.Tests.Integrations;

/// <summary>A reference row created from the store wizard: its number field saves nothing the user did not type.</summary>
public sealed class NewChoiceDialogTests : IAsyncLifetime
{
    private SalesBunit _sales = null!;

    public async Task InitializeAsync()
    {
        _sales = await SalesBunit.CreateAsync();
        _sales.ActAs(Permissions.Administrator);
        _sales.Host.Context.Services.AddSingleton(new ReferenceBookEditor(new UnitOfWork(_sales.Database)));
    }

    public async Task DisposeAsync() => await _sales.DisposeAsync();

    [Fact]
    public async Task Create_WhenTheRateNoLongerParses_ThenTheRateFieldSaysSoAndNoRuleIsCreatedWithTheOldRate()
    {
        var host = await OpenAsync();
        await host.InvokeAsync(() => host.Find("#new-choice-name").Input("Typo VAT"));
        await host.InvokeAsync(() => host.Find("#new-choice-rate").Change("12"));
        await host.InvokeAsync(() => host.Find("#new-choice-rate").Change("12,5%"));

        await host.InvokeAsync(() => host.Find("#save-new-choice").Click());

        host.WaitForAssertion(() => host.Markup.ShouldContain("Rate is not a number"));
        await using var db = _sales.Database.For(_sales.Seed.Org);
        (await db.TaxRules.CountAsync(t => t.Name == "Typo VAT")).ShouldBe(0);
    }

    private async Task<IRenderedComponent<Microsoft.AspNetCore.Components.IComponent>> OpenAsync()
    {
        var host = _sales.Host.RenderProviders();
        var dialogs = _sales.Host.Context.Services.GetRequiredService<IDialogService>();
        await host.InvokeAsync(() => dialogs.ShowAsync<NewChoiceDialog>("New tax rule",
            new DialogParameters<NewChoiceDialog> { { d => d.Kind, NewChoice.TaxRule } }));
        host.WaitForElement("#new-choice-rate");
        return host;
    }
}
