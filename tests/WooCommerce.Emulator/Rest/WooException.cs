using System.Text.Json.Nodes;

namespace WooCommerce.Emulator.Rest;

/// <summary>Ends a request with a WooCommerce error body; thrown from deep inside handlers to keep them linear.</summary>
public sealed class WooException(int status, JsonObject body) : Exception(body["message"]?.GetValue<string>())
{
    public int Status { get; } = status;
    public JsonObject Body { get; } = body;

    public static WooException Of(string code, string message, int status) =>
        new(status, new JsonObject { ["code"] = code, ["message"] = message, ["data"] = new JsonObject { ["status"] = status } });

    /// <summary>The shape WordPress uses when argument validation fails (rest_invalid_param with params and details).</summary>
    public static WooException InvalidParam(string param, string detailCode, string message, JsonNode? detailData = null) =>
        new(400, new JsonObject
        {
            ["code"] = "rest_invalid_param",
            ["message"] = $"Invalid parameter(s): {param}",
            ["data"] = new JsonObject
            {
                ["status"] = 400,
                ["params"] = new JsonObject { [param] = message },
                ["details"] = new JsonObject
                {
                    [param] = new JsonObject { ["code"] = detailCode, ["message"] = message, ["data"] = detailData },
                },
            },
        });

    public static WooException InvalidId(string resourceCode, int status = 404) => Of(resourceCode, "Invalid ID.", status);

    /// <summary>WordPress's answer when a required argument is absent (WP_REST_Request::has_valid_params).</summary>
    public static WooException Missing(params string[] names) =>
        new(400, new JsonObject
        {
            ["code"] = "rest_missing_callback_param",
            ["message"] = $"Missing parameter(s): {string.Join(", ", names)}",
            ["data"] = new JsonObject { ["status"] = 400, ["params"] = new JsonArray([.. names.Select(n => (JsonNode)n)]) },
        });

    /// <summary>rest_validate_enum's answer: "x is not one of a, b, and c." (WordPress lists with wp_sprintf's %l).</summary>
    public static WooException NotInEnum(string param, IReadOnlyList<string> values)
    {
        var list = values.Count switch
        {
            0 => "",
            1 => values[0],
            2 => $"{values[0]} and {values[1]}",
            _ => $"{string.Join(", ", values.Take(values.Count - 1))}, and {values[^1]}",
        };
        return InvalidParam(param, "rest_not_in_enum", $"{param} is not one of {list}.");
    }

    /// <summary>rest_validate_value_from_schema's type error: "x is not of type string."</summary>
    public static WooException NotOfType(string param, string type) =>
        InvalidParam(param, "rest_invalid_type", $"{param} is not of type {type}.", new JsonObject { ["param"] = param });
}
