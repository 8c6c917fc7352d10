using System.Net;
using System.Text.Json.Nodes;
using WooCommerce.Emulator.Tests.Fidelity;

namespace WooCommerce.Emulator.Tests.Support;

/// <summary>
/// Requests sent as a WooCommerce client written elsewhere sends them, over https with Basic (OAuth 1.0a over http is
/// <see cref="ClientCalls.OAuthAsync"/>), and the captured answers from <c>captures-2/</c> they are checked against.
/// </summary>
public static class ThirdPartyClient
{
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
