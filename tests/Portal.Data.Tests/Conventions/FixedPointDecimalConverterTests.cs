using Portal.Data.Conventions;

namespace Portal.Data.Tests.Conventions;

public sealed class FixedPointDecimalConverterTests
{
    private readonly FixedPointDecimalConverter _converter = new();

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("12.34", 123_400L)]
    [InlineData("-0.0001", -1L)]
    [InlineData("1.23456", 12_346L)]
    [InlineData("999999999.9999", 9_999_999_999_999L)]
    public void ToProvider_WhenGivenADecimal_ThenStoresTenThousandths(string value, long stored) =>
        _converter.ConvertToProvider(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(stored);

    [Fact]
    public void FromProvider_WhenReadBack_ThenKeepsFourDecimals() =>
        _converter.ConvertFromProvider(123_456L).ShouldBe(12.3456m);

    [Fact]
    public void Ordering_WhenStoredAsIntegers_ThenMatchesDecimalOrdering()
    {
        decimal[] values = [10m, -2.5m, 0.0001m, 9.99m, 100m, -100m];
        var byStored = values.OrderBy(v => (long)_converter.ConvertToProvider(v)!).ToArray();
        byStored.ShouldBe(values.Order().ToArray());
    }

    [Fact]
    public void UtcConverter_WhenReadingAnUnspecifiedKind_ThenMarksItUtc()
    {
        var converter = new UtcDateTimeConverter();
        var read = (DateTime)converter.ConvertFromProvider(new DateTime(2026, 11, 27, 10, 0, 0, DateTimeKind.Unspecified))!;
        read.Kind.ShouldBe(DateTimeKind.Utc);
        read.Hour.ShouldBe(10);
    }
}
