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
}
