using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.WooCommerce;

/// <summary>How WooCommerce's JSON maps to the <c>Woo*</c> types: snake_case names, money as strings, numbers
/// that are sometimes strings (<c>total_sales</c> on a variation), nulls left out of requests so a partial
/// object is a partial update.</summary>
public static class WooJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new WooMoneyConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

/// <summary>WooCommerce sends money as strings ("12.50", "" for unset) and a few amounts as numbers (a line
/// item's <c>price</c>); it expects strings back.</summary>
public sealed class WooMoneyConverter : JsonConverter<decimal?>
{
    public override bool HandleNull => true;

    public override decimal? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number:
                return reader.GetDecimal();
            case JsonTokenType.String:
                var text = reader.GetString();
                if (string.IsNullOrWhiteSpace(text))
                    return null;
                if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
                    return value;
                throw new JsonException($"'{Excerpt(text)}' is not an amount.");
            default:
                throw new JsonException($"Expected an amount, got {reader.TokenType}.");
        }
    }

    public override void Write(Utf8JsonWriter writer, decimal? value, JsonSerializerOptions options)
    {
        if (value is null)
            writer.WriteNullValue();
        else
            writer.WriteStringValue(value.Value.ToString(CultureInfo.InvariantCulture));
    }

    private static string Excerpt(string text) => text.Length <= 20 ? text : text[..20] + "…";
}

/// <summary>The <c>*_gmt</c> fields carry the instant without an offset ("2026-11-27T16:36:57"); they are UTC.</summary>
public sealed class WooGmtDateTimeConverter : JsonConverter<DateTime?>
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss";

    public override bool HandleNull => true;

    public override DateTime? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
            return null;
        var text = reader.GetString();
        if (string.IsNullOrEmpty(text))
            return null;
        return DateTime.Parse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }

    public override void Write(Utf8JsonWriter writer, DateTime? value, JsonSerializerOptions options)
    {
        if (value is null)
            writer.WriteNullValue();
        else
            writer.WriteStringValue(value.Value.ToUniversalTime().ToString(Format, CultureInfo.InvariantCulture));
    }

    internal static string ToWire(DateTime utc) => utc.ToUniversalTime().ToString(Format, CultureInfo.InvariantCulture);
}
