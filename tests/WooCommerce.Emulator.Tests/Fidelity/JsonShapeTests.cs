using System.Text.Json.Nodes;

namespace WooCommerce.Emulator.Tests.Fidelity;

/// <summary>The comparer must catch what the fidelity tests rely on it to catch.</summary>
public sealed class JsonShapeTests
{
    private static List<string> Diff(string expected, string actual) => JsonShape.Differences(JsonNode.Parse(expected), JsonNode.Parse(actual));

    [Fact]
    public void MissingOrExtraProperty_ThenReported() =>
        Diff("""{"id":1,"sku":"A"}""", """{"id":1,"name":"x"}""").ShouldBe(["$.sku: missing", "$.name: not in the capture"], ignoreOrder: true);

    [Fact]
    public void PriceAsNumber_ThenReported_BecauseWooCommerceSendsStrings() =>
        Diff("""{"price":"1.00"}""", """{"price":1.0}""").ShouldBe(["$.price: expected string, got number"]);

    [Fact]
    public void NullWhereTheStoreSendsNull_ThenAccepted_NullElsewhere_ThenReported()
    {
        Diff("""{"date_paid":"2026-01-01T00:00:00"}""", """{"date_paid":null}""").ShouldBeEmpty();
        Diff("""{"sku":"A"}""", """{"sku":null}""").ShouldBe(["$.sku: expected string, got null"]);
    }

    [Fact]
    public void ArrayElements_ThenComparedWithTheCapturedElementOfTheSameId()
    {
        Diff("""[{"id":1,"a":1},{"id":2,"b":"x"}]""", """[{"id":2,"b":"y"},{"id":1,"a":2}]""").ShouldBeEmpty();
        Diff("""[{"id":1,"a":1}]""", """[{"id":1,"a":"1"}]""").ShouldBe(["$[0].a: expected number, got string"]);
    }

    [Fact]
    public void NestedObjects_ThenComparedRecursively() =>
        Diff("""{"billing":{"city":"X"}}""", """{"billing":{"town":"X"}}""").ShouldBe(["$.billing.city: missing", "$.billing.town: not in the capture"], ignoreOrder: true);
}
