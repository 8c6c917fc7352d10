using System.Net.Http.Json;
using Microsoft.Playwright;
using Portal.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E.Refunds;

/// <summary>A refund made in the store reaches the portal (polling, with the scheduler running) and shows on the sale
/// as a credit note with its restock.</summary>
[Collection(PortalCollection.Name)]
public sealed class RefundTests(PortalFixture fixture)
{
    [Fact]
    public async Task Refund_WhenOneShirtIsRefundedInTheStore_ThenTheSaleShowsTheCreditNoteAndTheRestock()
    {
        await using var server = await PortalServer.StartWithOwnPublicUrlAsync(new Dictionary<string, string?>
        {
            ["Scheduler:Enabled"] = "true", ["OrderPolling:Interval"] = "00:00:05",
        });
        await using var store = await EmulatedStores.StartEuroStoreAsync();
        var owner = await server.CreateOrganizationAsync("Refunds");
        var (_, saleId, orderId) = await StoreSales.SeedAsync(server, store, owner.OrganizationId, _ => { }, authoriseInvoice: true);
        int lineId;
        lock (store.Store.Sync)
        {
            lineId = store.Store.Order(orderId)!.Items.Single(i => i.Kind == "line_item").Id;
        }

        using (var control = new HttpClient { BaseAddress = new Uri(store.BaseUrl + "/__emulator/") })
        {
            var refund = await control.PostAsJsonAsync($"orders/{orderId}/refund", new { reason = "too small", line_items = new[] { new { id = lineId, quantity = 1 } } });
            refund.IsSuccessStatusCode.ShouldBeTrue(await refund.Content.ReadAsStringAsync());
        }

        await using var session = await fixture.OpenSessionAsync(nameof(Refund_WhenOneShirtIsRefundedInTheStore_ThenTheSaleShowsTheCreditNoteAndTheRestock), server);
        var page = session.Page;
        await page.SetViewportSizeAsync(1440, 900);
        await session.SignInAsync(owner.Email, owner.Password);
        await session.GotoAsync($"sales/{saleId}");

        // Polling runs every five seconds; the sale is read again until the credit note is there.
        var note = page.Locator(".credit-note");
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (await note.CountAsync() == 0 && DateTime.UtcNow < deadline)
        {
            await page.WaitForTimeoutAsync(1000);
            await page.ReloadAsync();
            await session.WaitForInteractiveAsync();
        }

        await page.Locator(".mud-tab", new PageLocatorOptions { HasText = "Credit note" }).ClickAsync();
        await Expect(note).ToHaveCountAsync(1);
        await Expect(note).ToContainTextAsync("WooCommerce refund");
        await Expect(note).ToContainTextAsync("Restocked 1 × SHIRT-OXF-001");
        await session.ScreenshotAsync("refund-credit-note-1440");
        await page.Locator(".mud-tab", new PageLocatorOptions { HasText = "Restock" }).ClickAsync();
        await Expect(page.Locator("#restock-summary .restocked").First).ToHaveTextAsync("1");
        await page.SetViewportSizeAsync(390, 844);
        await session.ScreenshotAsync("refund-restock-390");
        session.ShouldHaveNoBrowserErrors();
    }
}
