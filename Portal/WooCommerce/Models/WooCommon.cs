using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.WooCommerce;

/// <summary>One <c>meta_data</c> entry. The value is any JSON (plugins store strings, objects and arrays).</summary>
public sealed record WooMetaData
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long Id { get; init; }
    public string? Key { get; init; }
    public JsonElement? Value { get; init; }
    public string? DisplayKey { get; init; }
    public JsonElement? DisplayValue { get; init; }

    public static WooMetaData Of(string key, string value) =>
        new() { Key = key, Value = JsonSerializer.SerializeToElement(value) };

    [JsonIgnore]
    public string? StringValue => Value is { ValueKind: JsonValueKind.String } v ? v.GetString() : Value?.GetRawText();
}

public static class WooMetaDataExtensions
{
    public static string? GetMeta(this IEnumerable<WooMetaData>? meta, string key) =>
        meta?.FirstOrDefault(m => m.Key == key)?.StringValue;
}

public sealed record WooAddress
{
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Company { get; init; }
    [JsonPropertyName("address_1")] public string? Address1 { get; init; }
    [JsonPropertyName("address_2")] public string? Address2 { get; init; }
    public string? City { get; init; }
    public string? State { get; init; }
    public string? Postcode { get; init; }
    public string? Country { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
}

/// <summary>A reference to a category or tag inside a product.</summary>
public sealed record WooRef
{
    public long Id { get; init; }
    public string? Name { get; init; }
    public string? Slug { get; init; }
}

public sealed record WooImage
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long Id { get; init; }
    public string? Src { get; init; }
    public string? Name { get; init; }
    public string? Alt { get; init; }
    [JsonConverter(typeof(WooGmtDateTimeConverter))] public DateTime? DateCreatedGmt { get; init; }
    [JsonConverter(typeof(WooGmtDateTimeConverter))] public DateTime? DateModifiedGmt { get; init; }
}

public sealed record WooDimensions
{
    public string? Length { get; init; }
    public string? Width { get; init; }
    public string? Height { get; init; }
}

/// <summary>WooCommerce's error body: <c>{code, message, data: {status, …}}</c>; <c>data</c> is sometimes a bare
/// number (a failed refund answers <c>"data": 500</c>).</summary>
public sealed record WooErrorBody
{
    public string? Code { get; init; }
    public string? Message { get; init; }
    public JsonElement? Data { get; init; }

    [JsonIgnore]
    public int? Status => Data switch
    {
        { ValueKind: JsonValueKind.Number } d when d.TryGetInt32(out var s) => s,
        { ValueKind: JsonValueKind.Object } d when d.TryGetProperty("status", out var s) && s.TryGetInt32(out var v) => v,
        _ => null,
    };
}

/// <summary>A page of a list endpoint with WooCommerce's paging headers.</summary>
public sealed record WooPage<T>(IReadOnlyList<T> Items, int Page, int? Total, int? TotalPages);
