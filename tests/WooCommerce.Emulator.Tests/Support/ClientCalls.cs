using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace WooCommerce.Emulator.Tests.Support;

/// <summary>Requests sent as a third-party client sends them: OAuth 1.0a over plain http (body not signed).</summary>
public static class ClientCalls
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

    /// <summary>POSTs over https with Basic auth and returns the created object's id, failing unless WooCommerce answered 201.</summary>
    public static async Task<int> CreateAsync(this EmulatorFixture fx, string path, string json)
    {
        var (response, body) = await fx.SendAsync(HttpMethod.Post, path, json);
        using (response) response.StatusCode.ShouldBe(HttpStatusCode.Created, body?.ToJsonString());
        return body!["id"]!.GetValue<int>();
    }

    /// <summary>
    /// Resets and seeds the store, replaces its webhooks (the seeded ones point at port 80) with one per topic
    /// delivering to a new loopback receiver, and returns that receiver.
    /// </summary>
    public static async Task<Receiver> SeedWithReceiverAsync(this EmulatorFixture fx, params string[] topics)
    {
        fx.Emulator.Reset();
        fx.Emulator.SeedFixtureStore();
        lock (fx.Emulator.Store.Sync) fx.Emulator.Store.Webhooks.Clear();
        var receiver = await Receiver.StartAsync();
        foreach (var topic in topics)
            await fx.CreateAsync("/webhooks", $$"""{"topic":"{{topic}}","delivery_url":"{{receiver.BaseUrl}}/hook","secret":"s"}""");
        return receiver;
    }

    public static string Str(this JsonNode? node, string name) => node![name]!.GetValue<string>();
}
