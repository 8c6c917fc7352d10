using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using WooCommerce.Emulator.Tests.Fidelity;

namespace WooCommerce.Emulator.Tests.Support;

/// <summary>
/// Requests sent as a WooCommerce client written elsewhere sends them: JSON bodies, OAuth 1.0a in the query over plain
/// http (signed over the query only, never the body) or HTTP Basic over https (<see cref="EmulatorFixture.SendAsync"/>).
/// </summary>
public static class ThirdPartyClient
{
    public static async Task<(HttpStatusCode Status, JsonNode? Body)> OAuthAsync(this EmulatorFixture fx, HttpMethod method, string pathAndQuery, string? json = null)
    {
        var url = fx.Emulator.BaseUrl + "/wp-json/wc/v3" + pathAndQuery;
        var query = OAuth1.SignedQuery(method.Method, url, fx.Key.ConsumerKey, fx.Key.ConsumerSecret);
        using var request = new HttpRequestMessage(method, url.Split('?')[0] + "?" + query);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await fx.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary>Basic over https, answering status and body only.</summary>
    public static async Task<(HttpStatusCode Status, JsonNode? Body)> BasicAsync(this EmulatorFixture fx, HttpMethod method, string pathAndQuery, string? json = null)
    {
        var (response, body) = await fx.SendAsync(method, pathAndQuery, json);
        using (response) return (response.StatusCode, body);
    }

    /// <summary>A capture from <c>captures-2/</c>: its body and its recorded status.</summary>
    public static (JsonNode? Body, int Status) Capture(string name) =>
        (Fixtures.Load($"captures-2/{name}.json"), Fixtures.Load($"captures-2/{name}.meta.json")!["response"]!["status"]!.GetValue<int>());

    /// <summary>Asserts the answer has the captured status and the captured body's shape (names and JSON types).</summary>
    public static void ShouldMatchCapture(this (HttpStatusCode Status, JsonNode? Body) actual, string capture)
    {
        var (expected, status) = Capture(capture);
        ((int)actual.Status).ShouldBe(status, actual.Body?.ToJsonString());
        var differences = JsonShape.Differences(expected, actual.Body);
        differences.ShouldBeEmpty(string.Join("\n", differences));
    }

    public static void ShouldBeError(this (HttpStatusCode Status, JsonNode? Body) actual, int status, string code, string? message = null)
    {
        ((int)actual.Status).ShouldBe(status, actual.Body?.ToJsonString());
        actual.Body!["code"]!.GetValue<string>().ShouldBe(code);
        actual.Body!["data"]!["status"]!.GetValue<int>().ShouldBe(status);
        if (message is not null) actual.Body!["message"]!.GetValue<string>().ShouldBe(message);
    }
}
