using Bunit;
using Portal.Domain.Integrations;
using Portal.Domain.Sales;
using Portal.Features.Integrations;
using Portal.Tests.Components;

namespace Portal.Tests.Integrations;

public sealed class StoreSettingsWizardTests : IAsyncLifetime
{
    private readonly BunitHost _bunit = new();

    private static readonly StoreSettingsOptions Options = new(
        Customers: [new Choice(1, "Web customer")],
        PriceTiers: Enumerable.Range(1, 10).Select(t => new Choice(t, $"Tier {t}")).ToList(),
        Locations: [new Choice(1, "Main")],
        RevenueAccounts: [new Choice(1, "4000 Sales")],
        PaymentAccounts: [new Choice(2, "1000 Bank")],
        SalesRepresentatives: [new Choice(1, "Ann")],
        TaxRules: [new Choice(1, "Tax free"), new Choice(2, "VAT 20%")],
        StoreTimeZone: "Europe/London",
        StoreReadError: null);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _bunit.DisposeAsync();

    private IRenderedComponent<StoreSettingsWizard> Render(StoreSettings settings, Action<StoreSettings>? finished = null)
    {
        _bunit.RenderProviders();
        return _bunit.Context.Render<StoreSettingsWizard>(p => p
            .Add(w => w.Settings, settings)
            .Add(w => w.Options, Options)
            .Add(w => w.OnFinished, s => finished?.Invoke(s)));
    }

    /// <summary>Clicks Next and waits for each step to show (MudBlazor may finish a render after the click returns).</summary>
    private static void Advance(IRenderedComponent<StoreSettingsWizard> wizard, int steps)
    {
        for (var i = 0; i < steps; i++)
        {
            var expected = $"Step {CurrentStep(wizard) + 1} of 7";
            wizard.Find("#wizard-next").Click();
            wizard.WaitForAssertion(() => wizard.Find("#wizard-step").TextContent.ShouldContain(expected));
        }
    }

    /// <summary>An error is shown once, on its field, and the summary points at the fields marked instead of repeating it.</summary>
    private static void ShouldShowOnce(IRenderedComponent<StoreSettingsWizard> wizard, string message)
    {
        System.Text.RegularExpressions.Regex.Matches(wizard.Markup, System.Text.RegularExpressions.Regex.Escape(message)).Count.ShouldBe(1, $"'{message}' once");
        wizard.FindAll(".mud-input-error").Select(e => e.TextContent).ShouldContain(t => t.Contains(message));
        wizard.Find("#wizard-errors").TextContent.ShouldBe("Correct the fields marked in red.");
    }

    private static int CurrentStep(IRenderedComponent<StoreSettingsWizard> wizard) =>
        int.Parse(System.Text.RegularExpressions.Regex.Match(wizard.Find("#wizard-step").TextContent, @"Step (\d+)").Groups[1].Value);

    [Fact]
    public void Next_WhenNoCustomerIsChosen_ThenStaysOnOrdersAndSaysWhy()
    {
        var wizard = Render(new StoreSettings());

        wizard.Find("#wizard-next").Click();

        wizard.WaitForAssertion(() => wizard.Find("#wizard-step").TextContent.ShouldContain("Step 1 of 7"));
        wizard.WaitForAssertion(() => ShouldShowOnce(wizard, "Choose the customer"));
    }

    [Fact]
    public void ConsolidationTime_IsShownOnlyForDailyConsolidation_AndRequiredThen()
    {
        var settings = new StoreSettings { CustomerId = 1 };
        var wizard = Render(settings);
        wizard.FindAll("#consolidation-time").ShouldBeEmpty();

        settings.Consolidation = Consolidation.Daily;
        wizard.Render();
        wizard.FindAll("#consolidation-time").ShouldNotBeEmpty();
        wizard.Find("#wizard-next").Click();
        wizard.WaitForAssertion(() => ShouldShowOnce(wizard, "consolidated"));

        settings.ConsolidationTime = new TimeOnly(23, 30);
        wizard.Find("#wizard-next").Click();
        wizard.WaitForAssertion(() => wizard.Find("#wizard-step").TextContent.ShouldContain("Step 2 of 7"));
    }

    [Fact]
    public void ProcessAutomatically_IsOfferedWithoutConsolidation_AndTurnsOff()
    {
        var settings = new StoreSettings { CustomerId = 1 };
        var wizard = Render(settings);
        wizard.Markup.ShouldContain("Process orders automatically");
        wizard.Markup.ShouldContain("becomes a sale at once");

        wizard.Find("input#process-automatically").Change(false);

        wizard.WaitForAssertion(() => settings.ProcessOrdersAutomatically.ShouldBeFalse());
        wizard.WaitForAssertion(() => wizard.Markup.ShouldContain("until you press Process"));
        settings.Consolidation = Consolidation.Daily;
        wizard.Render();
        wizard.FindAll("#process-automatically").ShouldBeEmpty();
    }

    [Fact]
    public void IgnoreRestock_IsOfferedOnlyWithPickPackShip()
    {
        var settings = new StoreSettings { CustomerId = 1 };
        var wizard = Render(settings);
        Advance(wizard, 2);
        wizard.WaitForAssertion(() => wizard.Find("#wizard-step").TextContent.ShouldContain("Fulfilment"));
        wizard.FindAll("#ignore-restock").ShouldBeEmpty();

        settings.Fulfilment = AutoFulfilmentMode.PickPack;
        wizard.Render();
        wizard.FindAll("#ignore-restock").ShouldBeEmpty();

        settings.Fulfilment = AutoFulfilmentMode.PickPackShip;
        wizard.Render();
        wizard.FindAll("#ignore-restock").ShouldNotBeEmpty();
        // The chosen mode reads as the merchant chose it, not as the enum's name.
        wizard.Find("input#fulfilment").GetAttribute("value").ShouldBe("Pick + pack + ship");
    }

    [Fact]
    public void BufferInventory_IsShownOnlyWhenStockLevelsAreUpdated_WithTheWarning()
    {
        var settings = new StoreSettings { CustomerId = 1 };
        var wizard = Render(settings);
        Advance(wizard, 4);

        wizard.WaitForAssertion(() => wizard.Find("#wizard-step").TextContent.ShouldContain("Catalog"));
        settings.UpdateStockLevels.ShouldBeFalse("off until the merchant turns it on");
        wizard.FindAll("#use-buffer").ShouldBeEmpty();
        wizard.FindAll("#stock-warning").ShouldBeEmpty();

        settings.UpdateStockLevels = true;
        wizard.Render();
        wizard.FindAll("#stock-warning").ShouldNotBeEmpty();
        wizard.FindAll("#use-buffer").ShouldNotBeEmpty();
        wizard.FindAll("#buffer").ShouldBeEmpty();

        settings.UseBufferInventory = true;
        wizard.Render();
        wizard.FindAll("#buffer").ShouldNotBeEmpty();
    }

    [Fact]
    public void Taxes_RequireTheTwoRules_GroupRatesByClass_AndWarnAboutUnmappedRates()
    {
        var settings = new StoreSettings
        {
            CustomerId = 1,
            TaxRates =
            [
                new TaxRateMapping { RateId = 1, TaxClass = "Standard", Description = "VAT 20% GB" },
                new TaxRateMapping { RateId = 2, TaxClass = "Reduced rate", Description = "VAT 5% GB", TaxRuleId = 2 },
            ],
        };
        var wizard = Render(settings);
        Advance(wizard, 5);

        wizard.WaitForAssertion(() => wizard.Find("#wizard-step").TextContent.ShouldContain("Taxes"));
        wizard.Markup.ShouldContain("Standard");
        wizard.Markup.ShouldContain("Reduced rate");
        wizard.FindAll(".tax-mapping").Count.ShouldBe(2);
        wizard.FindAll("#unmapped-rates").ShouldNotBeEmpty();
        wizard.Find("#wizard-next").Click();
        wizard.WaitForAssertion(() => ShouldShowOnce(wizard, "untaxed lines"));

        settings.TaxFreeRuleId = 1;
        settings.ShippingTaxRuleId = 2;
        settings.TaxRates[0].TaxRuleId = 2;
        wizard.Find("#wizard-next").Click();
        wizard.FindAll("#unmapped-rates").ShouldBeEmpty();
        wizard.WaitForAssertion(() => wizard.Find("#wizard-step").TextContent.ShouldContain("Shipping metadata"));
    }

    [Fact]
    public void Finish_WhenAShippingMetaRowIsBlankOrRepeated_ThenRefused_ElseHandsTheSettingsOver()
    {
        StoreSettings? finished = null;
        var settings = new StoreSettings { CustomerId = 1, TaxFreeRuleId = 1, ShippingTaxRuleId = 1 };
        var wizard = Render(settings, s => finished = s);
        Advance(wizard, 6);

        wizard.Find("#add-shipping-meta").Click();
        wizard.WaitForAssertion(() => wizard.FindAll(".shipping-meta-row").Count.ShouldBe(1));
        wizard.Find("#wizard-finish").Click();
        wizard.WaitForAssertion(() => ShouldShowOnce(wizard, "meta field name"));
        finished.ShouldBeNull();

        settings.ShippingMeta[0].MetaKey = "_tracking_number";
        settings.ShippingMeta.Add(new ShippingMetaRow { MetaKey = "_tracking_number", Value = ShippingMetaValue.Carrier });
        wizard.Find("#wizard-finish").Click();
        wizard.WaitForAssertion(() => ShouldShowOnce(wizard, "listed twice"));

        settings.ShippingMeta[1].MetaKey = "_tracking_provider";
        wizard.Find("#wizard-finish").Click();
        wizard.WaitForAssertion(() => finished.ShouldBeSameAs(settings));
    }

    [Fact]
    public void SaveResult_WhenTheServerRefusesAnEarlierStep_ThenTheWizardGoesBackToItAndShowsTheMessageOnTheField()
    {
        var settings = new StoreSettings { CustomerId = 1, TaxFreeRuleId = 1, ShippingTaxRuleId = 1 };
        var wizard = Render(settings);
        Advance(wizard, 6);

        wizard.Render(p => p.Add(w => w.SaveResult, new StoreSettingsSaveResult(
            new Dictionary<string, string> { [nameof(StoreSettings.LocationId)] = "The location chosen no longer exists: choose another, or All Locations." }, 3)));

        wizard.WaitForAssertion(() => wizard.Find("#wizard-step").TextContent.ShouldContain("Step 3 of 7"));
        ShouldShowOnce(wizard, "The location chosen no longer exists");
        wizard.Find(".mud-input-error").TextContent.ShouldContain("The location chosen no longer exists");
    }

    [Fact]
    public void ToJson_ResetsValuesOfHiddenFields()
    {
        var settings = new StoreSettings
        {
            ConsolidationTime = new TimeOnly(10, 0), IgnoreRestockForNonFulfilled = true, UseBufferInventory = true, BufferInventory = 5,
        };

        var stored = StoreSettings.FromJson(settings.ToJson());

        stored.ConsolidationTime.ShouldBeNull();
        stored.IgnoreRestockForNonFulfilled.ShouldBeFalse();
        stored.UseBufferInventory.ShouldBeFalse();
        stored.BufferInventory.ShouldBe(0);
    }

    [Fact]
    public void Validate_WhenAChoiceIsAValueNoOptionOffers_ThenTheStepNamesTheField()
    {
        var settings = new StoreSettings
        {
            CustomerId = 1, OrderCapture = (OrderCapture)9, Consolidation = (Consolidation)4,
            Fulfilment = (Portal.Domain.Sales.AutoFulfilmentMode)8, AutoAssembly = (Portal.Domain.Sales.AutoAssemblyMode)7, InvoiceStatus = (InvoiceStatus)0,
            ShippingMeta = [new ShippingMetaRow { MetaKey = "_tracking", Value = (ShippingMetaValue)12 }],
        };

        settings.Validate(1).Keys.ShouldBe(["OrderCapture", "Consolidation"], ignoreOrder: true);
        settings.Validate(3).Keys.ShouldBe(["Fulfilment", "AutoAssembly", "InvoiceStatus"], ignoreOrder: true);
        settings.Validate(7).Keys.ShouldBe(["ShippingMeta[0]"]);
        new StoreSettings { CustomerId = 1 }.Validate(3).ShouldBeEmpty();
    }
}
