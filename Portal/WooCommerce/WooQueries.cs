using System.Globalization;

namespace Portal.WooCommerce;

/// <summary>Filters of <c>GET products</c>. Dates are UTC.</summary>
public sealed record WooProductQuery
{
    public string? Search { get; init; }
    public string? Sku { get; init; }
    public string? Status { get; init; }
    public string? Type { get; init; }
    public long? Category { get; init; }
    public long? Tag { get; init; }
    public IReadOnlyList<long>? Include { get; init; }
    public DateTime? After { get; init; }
    public DateTime? Before { get; init; }
    public DateTime? ModifiedAfter { get; init; }
    public DateTime? ModifiedBefore { get; init; }
    public string? OrderBy { get; init; }
    public string? Order { get; init; }

    internal WooQuery ToQuery() => new WooQuery()
        .With("search", Search).With("sku", Sku).With("status", Status).With("type", Type)
        .With("category", Category).With("tag", Tag).With("include", Include)
        .With("after", After).With("before", Before)
        .With("modified_after", ModifiedAfter).With("modified_before", ModifiedBefore)
        .With("orderby", OrderBy).With("order", Order);
}

/// <summary>Filters of <c>GET orders</c>. Dates are UTC; <c>status</c> takes several values (any excludes trash).</summary>
public sealed record WooOrderQuery
{
    public IReadOnlyList<string>? Status { get; init; }
    public DateTime? After { get; init; }
    public DateTime? Before { get; init; }
    public DateTime? ModifiedAfter { get; init; }
    public DateTime? ModifiedBefore { get; init; }
    public long? Customer { get; init; }
    public string? Search { get; init; }
    public IReadOnlyList<long>? Include { get; init; }
    public string? OrderBy { get; init; }
    public string? Order { get; init; }

    internal WooQuery ToQuery() => new WooQuery()
        .With("status", Status)
        .With("after", After).With("before", Before)
        .With("modified_after", ModifiedAfter).With("modified_before", ModifiedBefore)
        .With("customer", Customer).With("search", Search).With("include", Include)
        .With("orderby", OrderBy).With("order", Order);
}

public sealed record WooCustomerQuery
{
    public string? Search { get; init; }
    public string? Email { get; init; }
    /// <summary>Default customer; <c>all</c> lists every role.</summary>
    public string? Role { get; init; }
    public string? OrderBy { get; init; }
    public string? Order { get; init; }

    internal WooQuery ToQuery() => new WooQuery()
        .With("search", Search).With("email", Email).With("role", Role).With("orderby", OrderBy).With("order", Order);
}

/// <summary>Query parameters in order; null values are left out.</summary>
internal sealed class WooQuery
{
    private readonly List<KeyValuePair<string, string>> _pairs = [];

    public IReadOnlyList<KeyValuePair<string, string>> Pairs => _pairs;

    public WooQuery With(string name, string? value)
    {
        if (value is not null)
        {
            _pairs.RemoveAll(p => p.Key == name);
            _pairs.Add(new(name, value));
        }
        return this;
    }

    public WooQuery With(string name, long? value) => With(name, value?.ToString(CultureInfo.InvariantCulture));

    public WooQuery With(string name, bool? value) => With(name, value is null ? null : value.Value ? "true" : "false");

    /// <summary>UTC instants, sent with <c>dates_are_gmt=true</c> so the store does not read them as local time.</summary>
    public WooQuery With(string name, DateTime? utc)
    {
        if (utc is null)
            return this;
        if (utc.Value.Kind == DateTimeKind.Local)
            throw new ArgumentException("Pass UTC instants; WooCommerce is told they are GMT.", name);
        return With(name, WooGmtDateTimeConverter.ToWire(DateTime.SpecifyKind(utc.Value, DateTimeKind.Utc))).With("dates_are_gmt", true);
    }

    public WooQuery With(string name, IEnumerable<long>? ids) =>
        ids is null ? this : With(name, string.Join(',', ids.Select(i => i.ToString(CultureInfo.InvariantCulture))));

    public WooQuery With(string name, IEnumerable<string>? values) => values is null ? this : With(name, string.Join(',', values));
}
