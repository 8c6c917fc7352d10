using Portal.Domain.Integrations;

namespace Portal.Domain.Tests.Integrations;

public sealed class RetryWaitTests
{
    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(4, 180)]
    [InlineData(60, 180)]
    public void After_DoublesTheFirstWaitPerFailureUpToTheCap(int failures, int expectedSeconds) =>
        RetryWait.After(failures, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(3)).ShouldBe(TimeSpan.FromSeconds(expectedSeconds));

    [Fact]
    public void After_WhenTheStoreAskedForLonger_ThenWaitsWhatItAsked() =>
        RetryWait.After(1, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), storeAsked: TimeSpan.FromMinutes(2))
            .ShouldBe(TimeSpan.FromMinutes(2));

    [Fact]
    public void After_WhenTheStoreAskedForLess_ThenTheBackOffStands() =>
        RetryWait.After(3, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), storeAsked: TimeSpan.FromSeconds(1))
            .ShouldBe(TimeSpan.FromSeconds(20));

    [Fact]
    public void After_AHugeFirstWaitNeverOverflows() =>
        RetryWait.After(20, TimeSpan.FromDays(365), TimeSpan.FromDays(1)).ShouldBe(TimeSpan.FromDays(1));

    [Fact]
    public void After_ZeroFailuresIsAMistake() =>
        Should.Throw<ArgumentOutOfRangeException>(() => RetryWait.After(0, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)));
}
