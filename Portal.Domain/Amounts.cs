namespace Portal.Domain;

/// <summary>
/// The scale rules the data layer relies on: it stores money and quantities as fixed-point numbers with four
/// decimals, so a value with more decimals would be silently truncated there. Refusing it here keeps what the user
/// sees equal to what is stored.
/// </summary>
public static class Amounts
{
    public const int StoredDecimals = 4;

    public static decimal RoundMoney(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    public static bool FitsStoredScale(decimal value) => decimal.Round(value, StoredDecimals) == value;

    /// <summary>Refuses a quantity that is not positive or has more than four decimals.</summary>
    public static decimal PositiveQuantity(decimal quantity, string what)
    {
        if (quantity <= 0)
        {
            throw new DomainException($"The quantity of {what} must be greater than zero.");
        }

        return Scaled(quantity, what);
    }

    public static decimal Scaled(decimal value, string what)
    {
        if (!FitsStoredScale(value))
        {
            throw new DomainException($"The value {value} of {what} has more than {StoredDecimals} decimals.");
        }

        return value;
    }

    public static DateTime Utc(DateTime instant, string what) =>
        instant.Kind == DateTimeKind.Utc
            ? instant
            : throw new ArgumentException($"{what} must be a UTC instant (Kind = Utc), got {instant.Kind}.", what);
}
