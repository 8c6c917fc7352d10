using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Portal.WooCommerce;

namespace Portal.Tests.WooCommerce;

/// <summary>Every REST capture of the real store parses into its <c>Woo*</c> type, and every field the type
/// declares comes out with the value the store sent (a renamed or mistyped property fails here).</summary>
public class WooFixtureParsingTests
{
    public static TheoryData<string> Captures() => new(WooFixtures.RestCaptures());

    [Fact]
    public void RestCaptures_WhenListed_ThenEveryIndexedFixtureIsCovered()
    {
        WooFixtures.RestCaptures().Count().ShouldBeGreaterThanOrEqualTo(110);
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void Parse_WhenRealCapture_ThenTypedModelKeepsEveryDeclaredField(string name)
    {
        var (method, url, status) = WooFixtures.Meta(name);
        var body = WooFixtures.Read(name + ".json");
        var original = JsonNode.Parse(body);

        if (status >= 400)
        {
            var error = JsonSerializer.Deserialize<WooErrorBody>(body, WooJson.Options)!;
            error.Code.ShouldNotBeNullOrWhiteSpace();
            error.Message.ShouldNotBeNullOrWhiteSpace();
            error.Status.ShouldBe(status);
            return;
        }

        var path = Regex.Replace(url.AbsolutePath, "^/wp-json/wc/v3", "");
        var modelType = ModelFor(path);
        if (path.EndsWith("/batch", StringComparison.Ordinal))
        {
            AssertBatch(body, original!.AsObject(), modelType);
            return;
        }

        var type = original is JsonArray ? typeof(IReadOnlyList<>).MakeGenericType(modelType) : modelType;
        var model = JsonSerializer.Deserialize(body, type, WooJson.Options);
        model.ShouldNotBeNull();
        var parsed = JsonSerializer.SerializeToNode(model, type, WooJson.Options);
        AssertNoLoss(original, parsed, type, name);
        method.ShouldNotBeNullOrEmpty();
    }

    private static void AssertBatch(string body, JsonObject original, Type modelType)
    {
        var answer = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(body, WooJson.Options)!;
        var parse = typeof(WooClient).GetMethod(nameof(WooClient.ParseBatchAnswer), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(modelType);
        dynamic result = parse.Invoke(null, [answer])!;
        foreach (var (key, items) in original)
        {
            var itemsArray = items!.AsArray();
            var failed = itemsArray.Where(i => i!["error"] is not null).ToList();
            var succeeded = itemsArray.Where(i => i!["error"] is null).ToList();
            IList parsedList = key switch
            {
                "create" => (IList)result.Created,
                "update" => (IList)result.Updated,
                _ => (IList)result.Deleted,
            };
            parsedList.Count.ShouldBe(succeeded.Count);
            for (var i = 0; i < succeeded.Count; i++)
                AssertNoLoss(succeeded[i], JsonSerializer.SerializeToNode(parsedList[i], modelType, WooJson.Options), modelType, $"{key}[{i}]");
            IReadOnlyList<WooBatchItemError> errors = result.Errors;
            errors.Count(e => e.Operation.ToString().Equals(key, StringComparison.OrdinalIgnoreCase)).ShouldBe(failed.Count);
            errors.ShouldAllBe(e => e.Code != null && e.Status >= 400);
        }
    }

    private static Type ModelFor(string path) => path switch
    {
        "/" or "" => typeof(WooRouteIndex),
        _ when path.StartsWith("/coupons") => typeof(WooCoupon),
        _ when path.StartsWith("/customers") => typeof(WooCustomer),
        _ when path.StartsWith("/data/currencies") => typeof(WooCurrency),
        _ when Regex.IsMatch(path, @"^/products/\d+/variations") => typeof(WooVariation),
        _ when Regex.IsMatch(path, @"^/products/attributes/\d+/terms") => typeof(WooTerm),
        _ when path.StartsWith("/products/attributes") => typeof(WooAttribute),
        _ when path.StartsWith("/products/categories") => typeof(WooCategory),
        _ when path.StartsWith("/products/tags") || path.StartsWith("/products/shipping_classes") => typeof(WooTerm),
        _ when path.StartsWith("/products/reviews") => typeof(WooReview),
        _ when path.StartsWith("/products") => typeof(WooProduct),
        _ when path.StartsWith("/orders/statuses") => typeof(WooOrderStatus),
        _ when Regex.IsMatch(path, @"^/orders/\d+/notes") => typeof(WooOrderNote),
        _ when Regex.IsMatch(path, @"^/orders/\d+/refunds") || path.StartsWith("/refunds") => typeof(WooRefund),
        _ when path.StartsWith("/orders") => typeof(WooOrder),
        _ when path.StartsWith("/payment_gateways") => typeof(WooPaymentGateway),
        _ when path == "/settings" => typeof(WooSettingsGroup),
        _ when path.StartsWith("/settings/") => typeof(WooSetting),
        _ when path.StartsWith("/shipping_methods") => typeof(WooShippingMethod),
        _ when Regex.IsMatch(path, @"^/shipping/zones/\d+/methods") => typeof(WooShippingZoneMethod),
        _ when Regex.IsMatch(path, @"^/shipping/zones/\d+/locations") => typeof(WooShippingZoneLocation),
        _ when path.StartsWith("/shipping/zones") => typeof(WooShippingZone),
        _ when path.StartsWith("/system_status") => typeof(WooSystemStatus),
        _ when path.StartsWith("/taxes/classes") => typeof(WooTaxClass),
        _ when path.StartsWith("/taxes") => typeof(WooTax),
        _ when path.StartsWith("/webhooks") => typeof(WooWebhook),
        _ => throw new InvalidOperationException($"No model for {path}: add one when a new endpoint is captured."),
    };

    /// <summary>Walks the captured JSON with the model's declared properties: each must come back equal (money and
    /// numbers compared as values), and may be missing only where the store sent null or "".</summary>
    private static void AssertNoLoss(JsonNode? original, JsonNode? parsed, Type type, string at)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(JsonElement))
        {
            JsonNode.DeepEquals(original, parsed).ShouldBeTrue(at);
            return;
        }
        switch (original)
        {
            case null:
                parsed.ShouldBeNull(at);
                return;
            case JsonArray array:
                var parsedArray = parsed.ShouldBeOfType<JsonArray>(at);
                parsedArray.Count.ShouldBe(array.Count, at);
                var elementType = ElementType(type);
                for (var i = 0; i < array.Count; i++)
                    AssertNoLoss(array[i], parsedArray[i], elementType, $"{at}[{i}]");
                return;
            case JsonObject obj when DictionaryValueType(type) is { } valueType:
                foreach (var (key, value) in obj)
                    AssertNoLoss(value, parsed.ShouldBeOfType<JsonObject>(at)[key], valueType, $"{at}.{key}");
                return;
            case JsonObject obj:
                var parsedObject = parsed.ShouldBeOfType<JsonObject>(at);
                foreach (var property in WooJson.Options.GetTypeInfo(type).Properties)
                {
                    if (!obj.TryGetPropertyValue(property.Name, out var value))
                    {
                        parsedObject.ContainsKey(property.Name).ShouldBeFalse($"{at}.{property.Name} is not sent by the store");
                        continue;
                    }
                    var parsedValue = parsedObject[property.Name];
                    if (parsedValue is null && (value is null || value.ToString() == "" || IsZeroId(property.Name, value)))
                        continue;
                    parsedValue.ShouldNotBeNull($"{at}.{property.Name} was lost");
                    AssertNoLoss(value, parsedValue, property.PropertyType, $"{at}.{property.Name}");
                }
                return;
            default:
                var expected = original.ToJsonString();
                var actual = parsed!.ToJsonString();
                if (expected == actual)
                    return;
                decimal.TryParse(expected.Trim('"'), System.Globalization.CultureInfo.InvariantCulture, out var e).ShouldBeTrue($"{at}: {expected} vs {actual}");
                decimal.TryParse(actual.Trim('"'), System.Globalization.CultureInfo.InvariantCulture, out var a).ShouldBeTrue($"{at}: {expected} vs {actual}");
                a.ShouldBe(e, $"{at}");
                return;
        }
    }

    // Ids are left out of requests when 0; the store never sends a real 0 id, but sends 0 for "none" in a few places.
    private static bool IsZeroId(string name, JsonNode value) => name == "id" && value.ToJsonString() == "0";

    private static Type ElementType(Type type) =>
        type.IsArray ? type.GetElementType()! :
        type.GetInterfaces().Append(type).First(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)).GetGenericArguments()[0];

    private static Type? DictionaryValueType(Type type) =>
        type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))
            ?.GetGenericArguments()[1];
}
