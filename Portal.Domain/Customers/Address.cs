namespace Portal.Domain.Customers;

/// <summary>A postal address, stored inside its owner (a customer's or a sale's columns), never on its own.</summary>
public sealed record Address
{
    public static readonly Address Empty = new();

    public string? Line1 { get; init; }
    public string? Line2 { get; init; }
    public string? City { get; init; }
    public string? State { get; init; }
    public string? Postcode { get; init; }
    public string? Country { get; init; }

    public bool IsEmpty => this == Empty;
}
