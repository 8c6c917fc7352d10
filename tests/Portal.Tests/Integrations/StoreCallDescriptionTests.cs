using Portal.Features.Integrations;

namespace Portal.Tests.Integrations;

/// <summary>The activity log reads as words; the raw path stays beside it.</summary>
public sealed class StoreCallDescriptionTests
{
    [Theory]
    [InlineData("GET", "/wp-json/wc/v3/taxes?page=1&per_page=100", null, "Read tax rates")]
    [InlineData("GET", "/wp-json/wc/v3/taxes?page=3&per_page=100", null, "Read tax rates, page 3")]
    [InlineData("GET", "/?rest_route=/wc/v3/payment_gateways", null, "Read payment gateways")]
    [InlineData("POST", "/wp-json/wc/v3/webhooks", "order.created", "Created webhook order.created")]
    [InlineData("DELETE", "/wp-json/wc/v3/webhooks/17?force=true", null, "Deleted webhook 17")]
    [InlineData("PUT", "/wp-json/wc/v3/webhooks/17", null, "Updated webhook 17")]
    [InlineData("GET", "/wp-json/wc/v3/orders/42", null, "Read order 42")]
    [InlineData("GET", "/wp-json/wc/v3/orders/42/refunds?per_page=100", null, "Read refunds of order 42")]
    [InlineData("POST", "/wp-json/wc/v3/products/12/variations/batch", null, "Changed variations of product 12 in one batch")]
    [InlineData("POST", "/wp-json/wc/v3/products/batch", null, "Changed products in one batch")]
    [InlineData("GET", "/wp-json/wc/v3/system_status", null, "Read the store's system status")]
    [InlineData("GET", "/wp-json/wc/v3/data/currencies/current", null, "Read the store's currency")]
    [InlineData("GET", "/wp-json/", null, "Read the store's API index")]
    [InlineData("GET", "/wp-json/wc/v3/taxes/classes", null, "Read tax classes")]
    public void Describe_ThenSaysWhatTheCallDidInWords(string method, string path, string? subject, string expected)
    {
        StoreCallDescription.Describe(method, path, subject).ShouldBe(expected);
    }

    [Fact]
    public void Describe_WhenThePathIsUnknown_ThenFallsBackToTheVerbAndPath()
    {
        StoreCallDescription.Describe("GET", "/wp-json/wc/v3/something/new", null).ShouldBe("Read something/new");
    }
}
