using Portal.Features.Integrations;

namespace Portal.Tests.Integrations;

/// <summary>The store settings' number fields: text that does not parse blocks the step instead of keeping the old value.</summary>
public sealed class StoreSettingsNumberTests
{
    [Theory]
    [InlineData("3x")]
    [InlineData("abc")]
    [InlineData("2.5")]
    public void Validate_WhenTheBufferTextIsNotAWholeNumber_ThenTheBufferFieldSaysSo(string typed)
    {
        var settings = new StoreSettings { UpdateStockLevels = true, UseBufferInventory = true, BufferInventory = 3, BufferInventoryText = typed };

        settings.Validate(5)[nameof(StoreSettings.BufferInventory)].ShouldBe("Buffer Inventory is not a whole number: type digits, as in 5.");
    }

    [Fact]
    public void Validate_WhenTheBufferTextIsAWholeNumber_ThenTheStepPasses()
    {
        var settings = new StoreSettings { UpdateStockLevels = true, UseBufferInventory = true, BufferInventory = 4, BufferInventoryText = "4" };

        settings.Validate(5).ShouldNotContainKey(nameof(StoreSettings.BufferInventory));
    }
}
