using System.Net;
using WooCommerce.Emulator.Tests.Support;

namespace WooCommerce.Emulator.Tests.Routes;

/// <summary>Coupons updated, trashed, deleted and batched as a shop owner's tool does.</summary>
public sealed class CouponsRouteTests(EmulatorFixture fx) : SeededStoreTests(fx)
{
    [Fact]
    public async Task UpdateThenForceDelete_ThenCapturedAnswersAndGone()
    {
        var (_, created) = await Fx.BasicAsync(HttpMethod.Post, "/coupons", """{"code":"fixture-upd","discount_type":"percent","amount":"5"}""");
        var id = created!["id"]!.GetValue<int>();
        var updated = await Fx.OAuthAsync(HttpMethod.Put, $"/coupons/{id}", """{"amount":"7.5","description":"Fixture update"}""");
        updated.ShouldMatchCapture("coupons_update");
        updated.Body!["amount"]!.GetValue<string>().ShouldBe("7.50");
        updated.Body["discount_type"]!.GetValue<string>().ShouldBe("percent");

        var deleted = await Fx.OAuthAsync(HttpMethod.Delete, $"/coupons/{id}?force=true");
        deleted.ShouldMatchCapture("coupons_delete_force");
        (await Fx.BasicAsync(HttpMethod.Get, $"/coupons/{id}")).ShouldBeError(404, "woocommerce_rest_shop_coupon_invalid_id", "Invalid ID.");
    }

    [Fact]
    public async Task DeleteWithoutForce_ThenTrashedAndHiddenFromTheList_TwiceThen410()
    {
        var (status, trashed) = await Fx.BasicAsync(HttpMethod.Delete, "/coupons/182");
        status.ShouldBe(HttpStatusCode.OK);
        trashed!["status"]!.GetValue<string>().ShouldBe("trash");
        var (_, list) = await Fx.BasicAsync(HttpMethod.Get, "/coupons");
        list!.AsArray().Select(c => c!["id"]!.GetValue<int>()).ShouldNotContain(182);
        (await Fx.BasicAsync(HttpMethod.Delete, "/coupons/182")).ShouldBeError(410, "woocommerce_rest_already_trashed", "The shop_coupon has already been deleted.");
    }

    [Fact]
    public async Task InvalidUpdates_ThenWooCommerceErrorsAndUnchanged()
    {
        (await Fx.BasicAsync(HttpMethod.Put, "/coupons/183", """{"code":"save10"}""")).ShouldBeError(400, "woocommerce_rest_coupon_code_already_exists", "The coupon code already exists");
        var badType = await Fx.BasicAsync(HttpMethod.Put, "/coupons/183", """{"discount_type":"bogo","amount":"99"}""");
        badType.ShouldBeError(400, "rest_invalid_param", "Invalid parameter(s): discount_type");
        badType.Body!["data"]!["params"]!["discount_type"]!.GetValue<string>().ShouldBe("discount_type is not one of percent, fixed_cart, and fixed_product.");
        (await Fx.BasicAsync(HttpMethod.Put, "/coupons/999", """{"amount":"1"}""")).ShouldBeError(400, "woocommerce_rest_shop_coupon_invalid_id", "Invalid ID.");
        (await Fx.BasicAsync(HttpMethod.Post, "/coupons", """{"amount":"1"}""")).ShouldBeError(400, "rest_missing_callback_param", "Missing parameter(s): code");
        var (_, unchanged) = await Fx.BasicAsync(HttpMethod.Get, "/coupons/183");
        unchanged!["code"]!.GetValue<string>().ShouldBe("fiveoff");
        unchanged["amount"]!.GetValue<string>().ShouldNotBe("99.00");
    }

    [Fact]
    public async Task Batch_CreateUpdateDelete_ThenCapturedShape()
    {
        var (_, upd) = await Fx.BasicAsync(HttpMethod.Post, "/coupons", """{"code":"fixture-batch-upd","amount":"1"}""");
        var (_, del) = await Fx.BasicAsync(HttpMethod.Post, "/coupons", """{"code":"fixture-batch-del","amount":"4"}""");
        var answer = await Fx.OAuthAsync(HttpMethod.Post, "/coupons/batch",
            $$"""{"create":[{"code":"fixture-batch-new","discount_type":"percent","amount":"15"}],"update":[{"id":{{upd!["id"]}},"amount":"3.50"}],"delete":[{{del!["id"]}}]}""");
        answer.ShouldMatchCapture("coupons_batch");
        answer.Body!["update"]![0]!["amount"]!.GetValue<string>().ShouldBe("3.50");
        (await Fx.BasicAsync(HttpMethod.Get, $"/coupons/{del["id"]}")).Status.ShouldBe(HttpStatusCode.NotFound);
    }
}
