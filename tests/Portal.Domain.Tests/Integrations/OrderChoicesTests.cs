using Portal.Domain.Integrations;

namespace Portal.Domain.Tests.Integrations;

public class OrderChoicesTests
{
    [Fact]
    public void ConsolidationTime_WhenDaily_ThenRequiredAndKept()
    {
        OrderChoices.ConsolidationTimeProblem(Consolidation.Daily, null).ShouldBe("Choose when the day's orders are consolidated.");
        OrderChoices.ConsolidationTimeProblem(Consolidation.Daily, new TimeOnly(18, 0)).ShouldBeNull();
        OrderChoices.EffectiveConsolidationTime(Consolidation.Daily, new TimeOnly(18, 0)).ShouldBe(new TimeOnly(18, 0));
    }

    [Fact]
    public void ConsolidationTime_WhenNotConsolidated_ThenNeitherRequiredNorKept()
    {
        OrderChoices.ConsolidationTimeProblem(Consolidation.None, null).ShouldBeNull();
        OrderChoices.EffectiveConsolidationTime(Consolidation.None, new TimeOnly(18, 0)).ShouldBeNull();
    }

    [Fact]
    public void Problems_WhenAValueNoOptionOffers_ThenTheChoiceIsRefused()
    {
        OrderChoices.CaptureProblem((OrderCapture)9).ShouldBe("Choose when orders are captured: created, completed or paid.");
        OrderChoices.ConsolidationProblem((Consolidation)9).ShouldBe("Choose no consolidation or a daily one.");
        OrderChoices.InvoiceStatusProblem((InvoiceStatus)0).ShouldBe("Choose Draft or Authorised.");
    }

    [Fact]
    public void Problems_WhenEveryOfferedValue_ThenNone()
    {
        Enum.GetValues<OrderCapture>().ShouldAllBe(c => OrderChoices.CaptureProblem(c) == null);
        Enum.GetValues<Consolidation>().ShouldAllBe(c => OrderChoices.ConsolidationProblem(c) == null);
        Enum.GetValues<InvoiceStatus>().ShouldAllBe(s => OrderChoices.InvoiceStatusProblem(s) == null);
    }
}
