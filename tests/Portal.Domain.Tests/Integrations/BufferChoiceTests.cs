using Portal.Domain.Integrations;

namespace Portal.Domain.Tests.Integrations;

public class BufferChoiceTests
{
    [Theory]
    // Stock levels not updated: nothing is held back, whatever the other settings say.
    [InlineData(false, false, 3, null, 10, 10)]
    [InlineData(false, false, 3, 5, 10, 10)]
    [InlineData(false, true, 3, null, 10, 10)]
    [InlineData(false, true, 3, 5, 10, 10)]
    // Updated without the buffer: nothing is held back.
    [InlineData(true, false, 3, null, 10, 10)]
    [InlineData(true, false, 3, 5, 10, 10)]
    // Updated with the buffer: the product's own buffer, else the store's.
    [InlineData(true, true, 3, null, 10, 7)]
    [InlineData(true, true, 3, 5, 10, 5)]
    [InlineData(true, true, 3, 0, 10, 10)]
    public void SyncQuantity_ForEachCombinationOfTheSettingsAndAProductBuffer_ThenAvailableMinusTheBufferThatApplies(
        bool updateStockLevels, bool useBuffer, int storeBuffer, int? productBuffer, int available, int expected)
    {
        var choice = new BufferChoice(updateStockLevels, useBuffer, storeBuffer);

        choice.SyncQuantity(available, productBuffer).ShouldBe(expected);
    }

    [Theory]
    [InlineData(2, null, 0)]
    [InlineData(3, null, 0)]
    [InlineData(10, 12, 0)]
    [InlineData(-4, null, 0)]
    public void SyncQuantity_WhenTheBufferExceedsWhatIsAvailable_ThenZero(int available, int? productBuffer, int expected)
    {
        new BufferChoice(true, true, 3).SyncQuantity(available, productBuffer).ShouldBe(expected);
    }

    [Fact]
    public void SyncQuantity_WhenNothingIsHeldBackAndAvailableIsNegative_ThenZero()
    {
        new BufferChoice(false, false, 0).SyncQuantity(-2.5m, null).ShouldBe(0);
    }

    [Theory]
    [InlineData(7.9, 0, 7)]
    [InlineData(7.9, 3, 4)]
    [InlineData(3.5, 3, 0)]
    [InlineData(0.4, 0, 0)]
    public void SyncQuantity_WhenAvailableHasAPartUnit_ThenOnlyWholeUnitsAreOffered(decimal available, int storeBuffer, int expected)
    {
        new BufferChoice(true, true, storeBuffer).SyncQuantity(available, null).ShouldBe(expected);
    }

    [Fact]
    public void SyncQuantity_WhenAProductBufferIsNegative_ThenRefused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new BufferChoice(true, true, 0).SyncQuantity(5, -1));
    }

    [Theory]
    [InlineData(true, true, -1, "The buffer is a whole number of units, 0 or more.")]
    [InlineData(true, true, 0, null)]
    [InlineData(true, false, -1, null)]
    [InlineData(false, true, -1, null)]
    public void Problem_OnlyWhenTheBufferAppliesAndIsNegative(bool update, bool use, int buffer, string? expected)
    {
        new BufferChoice(update, use, buffer).Problem.ShouldBe(expected);
    }

    [Fact]
    public void Effective_WhenStockLevelsAreNotUpdated_ThenTheBufferIsOffAndZero()
    {
        new BufferChoice(false, true, 4).Effective().ShouldBe(new BufferChoice(false, false, 0));
        new BufferChoice(true, false, 4).Effective().ShouldBe(new BufferChoice(true, false, 0));
        new BufferChoice(true, true, 4).Effective().ShouldBe(new BufferChoice(true, true, 4));
    }
}
