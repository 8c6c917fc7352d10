using Portal.Domain.Integrations;

namespace Portal.Domain.Tests.Integrations;

public class StoreProductLinkTests
{
    [Fact]
    public void NeedsPush_WhenNeverPushed_ThenEvenZeroIsSent()
    {
        new StoreProductLink().NeedsPush(0).ShouldBeTrue();
    }

    [Fact]
    public void RecordPush_ThenOnlyAnotherQuantityNeedsAPush()
    {
        var link = new StoreProductLink();

        link.RecordPush(7, Given.Now);

        link.LastPushedQuantity.ShouldBe(7);
        link.LastPushedAtUtc.ShouldBe(Given.Now);
        link.NeedsPush(7).ShouldBeFalse();
        link.NeedsPush(6).ShouldBeTrue();
    }

    [Fact]
    public void RecordPush_WhenNegative_ThenRefused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new StoreProductLink().RecordPush(-1, Given.Now));
    }
}
