using System.Text.Json.Nodes;

namespace WooCommerce.Emulator.Rest;

/// <summary>
/// Body fields checked against a route's schema as rest_validate_value_from_schema does: a string must be a JSON
/// string, a boolean true/false (or "true"/"false"/"1"/"0"/1/0), an integer a whole number (or its string).
/// Each returns null when the field is absent.
/// </summary>
public static class Args
{
    public static string? String(JsonObject body, string name) => body[name] switch
    {
        null when !body.ContainsKey(name) => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => throw WooException.NotOfType(name, "string"),
    };

    public static bool? Bool(JsonObject body, string name) => body[name] switch
    {
        null when !body.ContainsKey(name) => null,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<int>(out var i) && i is 0 or 1 => i == 1,
        JsonValue v when v.TryGetValue<string>(out var s) && s.ToLowerInvariant() is "0" or "1" or "false" or "true" => s is "1" || s.Equals("true", StringComparison.OrdinalIgnoreCase),
        _ => throw WooException.NotOfType(name, "boolean"),
    };

    public static int? Int(JsonObject body, string name) => body.ContainsKey(name) ? body[name].Int(name) : null;

    /// <summary>A list of strings: a JSON array, or a comma-separated string as wp_parse_list reads it.</summary>
    public static List<string>? Strings(JsonObject body, string name) => body[name] switch
    {
        null when !body.ContainsKey(name) => null,
        JsonArray a => [.. a.Select(n => n.Str())],
        JsonValue v when v.TryGetValue<string>(out var s) => [.. s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
        _ => throw WooException.NotOfType(name, "array"),
    };

    /// <summary>A value that must be one of <paramref name="allowed"/>.</summary>
    public static string? Enum(JsonObject body, string name, IReadOnlyList<string> allowed) =>
        String(body, name) is string s ? allowed.Contains(s) ? s : throw WooException.NotInEnum(name, allowed) : null;

    /// <summary>201 with the Location header WordPress sets on a created resource.</summary>
    public static IResult Created(HttpContext c, JsonNode json, string path)
    {
        c.Response.Headers.Location = $"{c.Origin()}{EmulatorApp.ApiPrefix}{path}";
        return Http.Json(json, 201);
    }
}
