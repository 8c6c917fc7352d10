using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Integrations;
using Portal.Domain.Reference;
using Portal.Domain.Sales;
using Portal.Features.Integrations;
using Portal.Features.Sales;
using Portal.Features.TrackingExport;
using Portal.Tests.Integrations;
using Portal.Tests.Orders;

namespace Portal.Tests.TrackingExport;

/// <summary>Tracking written to the WooCommerce order (the emulator over real sockets) through the outbox.</summary>
public sealed class TrackingExportTests(StorePortalFixture fx) : IClassFixture<StorePortalFixture>
{
    private static readonly List<ShippingMetaRow> CustomMeta =
    [
        new() { MetaKey = "_acme_tracking_no", Value = ShippingMetaValue.TrackingNumber },
        new() { MetaKey = "_acme_carrier", Value = ShippingMetaValue.Carrier },
        new() { MetaKey = "_acme_tracking_url", Value = ShippingMetaValue.TrackingUrl },
        new() { MetaKey = "_acme_shipped_on", Value = ShippingMetaValue.ShipDate },
    ];

    [Fact]
    public async Task Export_WhenAShipmentIsAuthorisedWithCustomMetaNames_ThenTheOrderCarriesEachFieldOnceEvenWhenSentAgain()
    {
        await using var world = await OrderWorld.CreateAsync(fx);
        await ExportSettingsAsync(world, zone: "Pacific/Kiritimati");
        var carrier = await CarrierAsync(world, "https://track.example/?n={tracking}");
        var orderId = await world.CheckoutAsync(paid: true);
        var saleId = await OrderSalesByHand.CreateAsync(world, orderId, AutoFulfilmentMode.PickPack);

        await ShipAsync(world, saleId, carrier, "1Z 999", "1Z998");
        (await RowAsync(world, saleId)).ShouldNotBeNull().Status.ShouldBe(TrackingExportStatus.Pending, "queued with the shipment");
        (await RunAsync(world)).ShouldBe(1);

        var row = (await RowAsync(world, saleId))!;
        row.Status.ShouldBe(TrackingExportStatus.Exported);
        row.ExportedAtUtc.ShouldNotBeNull();
        DateTime shippedAt;
        await using (var db = world.Db())
        {
            shippedAt = (await db.Sales.SingleAsync(s => s.Id == saleId)).ShippedAt!.Value;
        }

        var kiritimati = TimeZoneInfo.FindSystemTimeZoneById("Pacific/Kiritimati");
        var meta = Meta(world, orderId);
        meta["_acme_tracking_no"].ShouldBe(["1Z 999"], "one tracking number: the first package's");
        meta["_acme_carrier"].ShouldBe(["UPS"]);
        meta["_acme_tracking_url"].ShouldBe(["https://track.example/?n=1Z%20999"]);
        meta["_acme_shipped_on"].ShouldBe([TimeZoneInfo.ConvertTimeFromUtc(shippedAt, kiritimati).ToString("yyyy-MM-dd")]);

        // A tracking number added later sends the export again: the same keys are updated, no second set appears.
        await world.WithAsync(sp => sp.GetRequiredService<SaleOperations>().AddTrackingNumberAsync(world.Tenant, saleId, "1Z997"));
        (await RowAsync(world, saleId))!.Status.ShouldBe(TrackingExportStatus.Pending);
        (await RunAsync(world)).ShouldBe(1);
        var again = Meta(world, orderId);
        again["_acme_tracking_no"].ShouldBe(["1Z 999"]);
        again.Keys.Count(k => k.StartsWith("_acme_", StringComparison.Ordinal)).ShouldBe(4);
        again.Values.ShouldAllBe(v => v.Count == 1);
    }

    [Fact]
    public async Task Export_WhenTheOrderIsOnHoldItIsExported_AndWhenItIsCompletedItIsSkippedWithTheReason()
    {
        await using var world = await OrderWorld.CreateAsync(fx);
        await ExportSettingsAsync(world);
        var carrier = await CarrierAsync(world, null);
        var onHold = await world.CheckoutAsync(paid: false);   // bacs, unpaid: on-hold
        var completed = await world.CheckoutAsync(paid: true);
        var onHoldSale = await OrderSalesByHand.CreateAsync(world, onHold, AutoFulfilmentMode.PickPack);
        var completedSale = await OrderSalesByHand.CreateAsync(world, completed, AutoFulfilmentMode.PickPack);
        await world.ControlAsync($"orders/{completed}/complete");
        StatusOf(world, onHold).ShouldBe("on-hold");

        await ShipAsync(world, onHoldSale, carrier, "OH-1");
        await ShipAsync(world, completedSale, carrier, "CO-1");
        (await RunAsync(world)).ShouldBe(2);

        (await RowAsync(world, onHoldSale))!.Status.ShouldBe(TrackingExportStatus.Exported);
        Meta(world, onHold)["_acme_tracking_no"].ShouldBe(["OH-1"]);
        Meta(world, onHold).ContainsKey("_acme_tracking_url").ShouldBeFalse("the carrier has no tracking URL");
        var skipped = (await RowAsync(world, completedSale))!;
        skipped.Status.ShouldBe(TrackingExportStatus.Skipped);
        skipped.Note.ShouldNotBeNull().ShouldContain("completed");
        Meta(world, completed).ContainsKey("_acme_tracking_no").ShouldBeFalse();
    }

    [Fact]
    public async Task Queue_WhenExportIsOffOrTheStoreConsolidates_ThenNoExportIsQueued()
    {
        await using var world = await OrderWorld.CreateAsync(fx);
        var carrier = await CarrierAsync(world, null);
        await ExportSettingsAsync(world, export: false);
        var first = await OrderSalesByHand.CreateAsync(world, await world.CheckoutAsync(paid: true), AutoFulfilmentMode.PickPack);
        await ShipAsync(world, first, carrier, "OFF-1");
        (await RowAsync(world, first)).ShouldBeNull();

        await ExportSettingsAsync(world, consolidation: Consolidation.Daily);
        var second = await OrderSalesByHand.CreateAsync(world, await world.CheckoutAsync(paid: true), AutoFulfilmentMode.PickPack);
        await ShipAsync(world, second, carrier, "DAY-1");
        (await RowAsync(world, second)).ShouldBeNull();
        (await RunAsync(world)).ShouldBe(0);
    }

    [Fact]
    public async Task Queue_WhenAutoShipCreatedTheShipment_ThenNothingIsExportedEvenWhenATrackingNumberIsAddedLater()
    {
        await using var world = await OrderWorld.CreateAsync(fx);
        await ExportSettingsAsync(world);
        var carrier = await CarrierAsync(world, null);
        var orderId = await world.CheckoutAsync(paid: true);
        var saleId = await OrderSalesByHand.CreateAsync(world, orderId, AutoFulfilmentMode.PickPackShip, carrierId: carrier);
        await using (var db = world.Db())
        {
            (await db.Sales.SingleAsync(s => s.Id == saleId)).ShipStatus.ShouldBe(StageStatus.Authorised, "auto-shipped");
        }

        (await world.WithAsync(sp => sp.GetRequiredService<SaleOperations>().AddTrackingNumberAsync(world.Tenant, saleId, "AUTO-1")))
            .Succeeded.ShouldBeTrue();
        (await RowAsync(world, saleId)).ShouldBeNull();
        (await RunAsync(world)).ShouldBe(0);
        Meta(world, orderId).ContainsKey("_acme_tracking_no").ShouldBeFalse();
    }

    [Fact]
    public async Task Export_WhenTheStoreFails_ThenItWaitsWithBackOffShowsTheErrorAndRetrySendsIt()
    {
        await using var world = await OrderWorld.CreateAsync(fx);
        await ExportSettingsAsync(world);
        var carrier = await CarrierAsync(world, null);
        var orderId = await world.CheckoutAsync(paid: true);
        var saleId = await OrderSalesByHand.CreateAsync(world, orderId, AutoFulfilmentMode.PickPack);
        await ShipAsync(world, saleId, carrier, "RT-1");
        using var control = new HttpClient { BaseAddress = new Uri(world.Emulator.BaseUrl + "/__emulator/") };
        (await control.PostAsJsonAsync("faults", new { path_pattern = $"/wp-json/wc/v3/orders/{orderId}", method = "PUT", kind = "server_error" }))
            .IsSuccessStatusCode.ShouldBeTrue();

        (await RunAsync(world)).ShouldBe(1);
        var failed = (await RowAsync(world, saleId))!;
        failed.Status.ShouldBe(TrackingExportStatus.Pending);
        failed.Attempts.ShouldBe(1);
        failed.LastError.ShouldNotBeNullOrEmpty();
        failed.NextAttemptAtUtc.ShouldBeGreaterThan(DateTime.UtcNow, "the next attempt waits");
        (await RunAsync(world)).ShouldBe(0, "nothing is due before the back-off has passed");
        Meta(world, orderId).ContainsKey("_acme_tracking_no").ShouldBeFalse();
        await using (var db = world.Db())
        {
            (await TrackingExportCommands.ProblemsAsync(db, world.Store.Id, default)).ShouldHaveSingleItem().SaleId.ShouldBe(saleId);
        }

        (await control.DeleteAsync("faults")).IsSuccessStatusCode.ShouldBeTrue();
        var retry = await world.WithAsync(sp => sp.GetRequiredService<TrackingExportCommands>().RetryAsync(world.Tenant, world.Store.Id, failed.Id));
        retry.Succeeded.ShouldBeTrue(retry.Error);
        (await RunAsync(world)).ShouldBe(1);

        (await RowAsync(world, saleId))!.Status.ShouldBe(TrackingExportStatus.Exported);
        Meta(world, orderId)["_acme_tracking_no"].ShouldBe(["RT-1"]);
        await using (var db = world.Db())
        {
            (await TrackingExportCommands.ProblemsAsync(db, world.Store.Id, default)).ShouldBeEmpty();
        }
    }

    private static async Task ExportSettingsAsync(OrderWorld world, bool export = true, Consolidation consolidation = Consolidation.None,
        string? zone = null)
    {
        await using var db = world.Db();
        var store = await db.Stores.SingleAsync(s => s.Id == world.Store.Id);
        var settings = StoreSettings.FromJson(store.SettingsJson);
        settings.ExportShippingInformation = export;
        settings.Consolidation = consolidation;
        settings.ConsolidationTime = consolidation == Consolidation.Daily ? new TimeOnly(18, 0) : null;
        settings.ShippingMeta = CustomMeta;
        store.SettingsJson = settings.ToJson();
        if (zone is not null)
        {
            store.TimeZone = zone;
        }

        await db.SaveChangesAsync();
    }

    private static async Task<int> CarrierAsync(OrderWorld world, string? template)
    {
        await using var db = world.Db();
        var carrier = Carrier.Create(world.OrganizationId, "UPS").WithTrackingUrlTemplate(template);
        db.Carriers.Add(carrier);
        await db.SaveChangesAsync();
        return carrier.Id;
    }

    private static async Task ShipAsync(OrderWorld world, int saleId, int carrierId, params string[] numbers)
    {
        var result = await world.WithAsync(sp => sp.GetRequiredService<SaleOperations>().AuthoriseShipmentAsync(world.Tenant, saleId, carrierId, numbers));
        result.Succeeded.ShouldBeTrue(result.Error);
    }

    private static Task<int> RunAsync(OrderWorld world) =>
        world.WithAsync(sp => sp.GetRequiredService<ExportTracking>().RunAsync(CancellationToken.None));

    private static async Task<ShipmentTrackingExport?> RowAsync(OrderWorld world, int saleId)
    {
        await using var db = world.Db();
        return await db.TrackingExports.AsNoTracking().SingleOrDefaultAsync(e => e.SaleId == saleId);
    }

    private static Dictionary<string, List<string>> Meta(OrderWorld world, long orderId)
    {
        lock (world.Emulator.Store.Sync)
        {
            return world.Emulator.Store.Order((int)orderId)!.MetaData
                .GroupBy(m => m.Key).ToDictionary(g => g.Key, g => g.Select(m => m.Value?.GetValue<string>() ?? "").ToList());
        }
    }

    private static string StatusOf(OrderWorld world, long orderId)
    {
        lock (world.Emulator.Store.Sync)
        {
            return world.Emulator.Store.Order((int)orderId)!.Status;
        }
    }
}
