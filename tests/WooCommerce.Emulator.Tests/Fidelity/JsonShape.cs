using System.Text.Json;
using System.Text.Json.Nodes;
using WooCommerce.Emulator.Tests.Support;

namespace WooCommerce.Emulator.Tests.Fidelity;

/// <summary>
/// Compares the shape of a response with a captured one: same property names, same JSON types, arrays element by
/// element. A type that differs is accepted only when the real store sends that type for the same property name in
/// some fixture (prices as "" or "1.00", image ids as 0 or "11", and null wherever WooCommerce sends null).
/// </summary>
public static class JsonShape
{
    /// <summary>Objects whose keys are data (route paths, argument names, setting ids), not a fixed schema.</summary>
    private static readonly HashSet<string> MapProperties = ["routes", "args", "settings", "options"];

    private static readonly Lazy<Dictionary<string, HashSet<JsonValueKind>>> Known = new(Learn);

    public static string Kind(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        _ => node.GetValueKind() switch { JsonValueKind.True or JsonValueKind.False => "boolean", var k => k.ToString().ToLowerInvariant() },
    };

    private static JsonValueKind ValueKind(JsonNode? node) => node is null ? JsonValueKind.Null : node.GetValueKind() is JsonValueKind.False ? JsonValueKind.True : node.GetValueKind();

    /// <summary>
    /// Every JSON type each property takes anywhere in the captures (REST bodies and webhook payloads), keyed by the
    /// property and the property that holds it ("line_items.price" is a number, a product's "$.price" a string).
    /// </summary>
    private static Dictionary<string, HashSet<JsonValueKind>> Learn()
    {
        var known = new Dictionary<string, HashSet<JsonValueKind>>();
        void Walk(JsonNode? node, string parent)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (k, v) in o)
                    {
                        var key = Key(parent, k);
                        if (!known.TryGetValue(key, out var set)) known[key] = set = [];
                        set.Add(ValueKind(v));
                        Walk(v, k);
                    }
                    break;
                case JsonArray a:
                    foreach (var item in a) Walk(item, parent);
                    break;
            }
        }
        foreach (var file in Directory.GetFiles(Fixtures.Root, "*.json", SearchOption.AllDirectories).Where(f => !f.EndsWith(".meta.json", StringComparison.Ordinal)))
        {
            try { Walk(JsonNode.Parse(File.ReadAllText(file)), "$"); }
            catch (JsonException) { /* not every file in the folder is JSON we need */ }
        }
        // Webhook captures hold the payload under body_json; a payload's root is a resource's root.
        foreach (var key in known.Keys.Where(k => k.StartsWith("body_json.", StringComparison.Ordinal)).ToList())
            known.TryAdd("$." + key["body_json.".Length..], []);
        foreach (var key in known.Keys.Where(k => k.StartsWith("body_json.", StringComparison.Ordinal)).ToList())
            known["$." + key["body_json.".Length..]].UnionWith(known[key]);
        return known;
    }

    private static string Key(string parent, string property) => parent + "." + property;

    public static bool SeenAs(string parent, string property, JsonNode? value) =>
        Known.Value.TryGetValue(Key(parent, property), out var kinds) && kinds.Contains(ValueKind(value));

    /// <summary>Differences from the captured element this one resembles most.</summary>
    public static List<string> DifferencesFromClosest(IEnumerable<JsonNode?> captured, JsonNode? actual) =>
        captured.Select(c => Differences(c, actual)).MinBy(d => d.Count) ?? ["no captured element to compare with"];

    public static List<string> Differences(JsonNode? expected, JsonNode? actual)
    {
        var problems = new List<string>();
        Compare(expected, actual, "$", "$", null, problems);
        return problems;
    }

    /// <summary>
    /// The captured element with the same id when there is one (lists of the same seeded objects); otherwise the
    /// captured element this one resembles most (a guest order is compared with a captured guest order).
    /// </summary>
    private static JsonNode? Counterpart(JsonArray captured, JsonNode? element, int index)
    {
        if (element is JsonObject o && o["id"] is JsonValue id)
        {
            var same = captured.OfType<JsonObject>().FirstOrDefault(c => c["id"] is JsonValue cid && cid.ToJsonString() == id.ToJsonString());
            if (same is not null) return same;
        }
        if (element is not JsonObject) return captured[Math.Min(index, captured.Count - 1)];
        return captured.MinBy(c => Differences(c, element).Count);
    }

    private static void Compare(JsonNode? expected, JsonNode? actual, string path, string parent, string? property, List<string> problems)
    {
        var (ek, ak) = (Kind(expected), Kind(actual));
        if (ek != ak)
        {
            if (property is null || !SeenAs(parent, property, actual))
                problems.Add($"{path}: expected {ek}, got {ak}");
            return;
        }
        switch (expected)
        {
            case JsonObject eo when property is not null && MapProperties.Contains(property):
                var ao = (JsonObject)actual!;
                foreach (var (key, value) in ao)
                {
                    if (eo.ContainsKey(key)) Compare(eo[key], value, $"{path}[{key}]", property, key, problems);
                    else if (eo.Count > 0 && Kind(eo.First().Value) != Kind(value)) problems.Add($"{path}[{key}]: expected {Kind(eo.First().Value)} like the other entries, got {Kind(value)}");
                }
                break;
            case JsonObject eo:
                var actualObject = (JsonObject)actual!;
                var expectedKeys = eo.Select(kv => kv.Key).Where(k => !k.StartsWith("_harness", StringComparison.Ordinal)).ToHashSet();
                var actualKeys = actualObject.Select(kv => kv.Key).ToHashSet();
                foreach (var missing in expectedKeys.Except(actualKeys)) problems.Add($"{path}.{missing}: missing");
                foreach (var extra in actualKeys.Except(expectedKeys)) problems.Add($"{path}.{extra}: not in the capture");
                foreach (var key in expectedKeys.Intersect(actualKeys)) Compare(eo[key], actualObject[key], $"{path}.{key}", property ?? "$", key, problems);
                break;
            case JsonArray ea:
                var aa = (JsonArray)actual!;
                if (ea.Count == 0) break;
                for (var i = 0; i < aa.Count; i++) Compare(Counterpart(ea, aa[i], i), aa[i], $"{path}[{i}]", parent, property, problems);
                break;
        }
    }
}
