using Portal.Domain.Stock;

namespace Portal.Domain.Tests.Stock;

public class StockLedgerTests
{
    private const int Widget = 101;

    [Fact]
    public void Adjust_WhenNoBalanceExists_ThenOpensOneAndRecordsTheMovement()
    {
        var ledger = Given.Ledger();

        var movement = ledger.Adjust(Widget, Given.Warehouse, 5m, "  stocktake ");

        ledger.OnHand(Widget, Given.Warehouse).ShouldBe(5m);
        ledger.Effects.NewBalances.ShouldHaveSingleItem().OnHand.ShouldBe(5m);
        ledger.Effects.NewMovements.ShouldBe([movement]);
        movement.Kind.ShouldBe(StockMovementKind.Adjustment);
        movement.Quantity.ShouldBe(5m);
        movement.Reason.ShouldBe("stocktake");
        movement.OccurredAt.ShouldBe(Given.Now);
        movement.OrganizationId.ShouldBe(Given.Org);
    }

    [Fact]
    public void Adjust_WhenItWouldTakeOnHandBelowZero_ThenRefusesAndChangesNothing()
    {
        var balance = Given.Balances((Widget, Given.Warehouse, 2m)).Single();
        var ledger = Given.Ledger([balance]);
        var version = balance.Version;

        var error = Should.Throw<DomainException>(() => ledger.Adjust(Widget, Given.Warehouse, -3m, "damaged"));

        error.Message.ShouldContain("short by 1");
        ledger.OnHand(Widget, Given.Warehouse).ShouldBe(2m);
        ledger.Effects.NewMovements.ShouldBeEmpty();
        ledger.Effects.TouchedProductIds.ShouldBeEmpty();
        balance.Version.ShouldBe(version);
    }

    [Fact]
    public void Adjust_WhenTakingOnHandExactlyToZero_ThenAllowed()
    {
        var ledger = Given.LedgerWith((Widget, Given.Warehouse, 2m));

        ledger.Adjust(Widget, Given.Warehouse, -2m, "damaged");

        ledger.OnHand(Widget, Given.Warehouse).ShouldBe(0m);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void Adjust_WhenReasonIsMissing_ThenRefusedOnTheReasonField(string? reason)
    {
        var ledger = Given.Ledger();

        var error = Should.Throw<DomainValidationException>(() => ledger.Adjust(Widget, Given.Warehouse, 1m, reason!));

        error.Errors.ShouldHaveSingleItem().Field.ShouldBe("Reason");
    }

    [Fact]
    public void Adjust_WhenQuantityHasMoreThanFourDecimals_ThenRefused()
    {
        var ledger = Given.Ledger();

        Should.Throw<DomainException>(() => ledger.Adjust(Widget, Given.Warehouse, 1.00001m, "count"));
    }

    [Fact]
    public void Adjust_WhenBalanceChanges_ThenItsConcurrencyVersionChanges()
    {
        var balance = Given.Balances((Widget, Given.Warehouse, 2m)).Single();
        var ledger = Given.Ledger([balance]);
        var before = balance.Version;

        ledger.Adjust(Widget, Given.Warehouse, 1m, "found one");

        balance.Version.ShouldNotBe(before);
        balance.OnHand.ShouldBe(3m);
        ledger.Effects.NewBalances.ShouldBeEmpty();
    }

    [Fact]
    public void Balance_AfterManyMovements_ThenEqualsTheSumOfItsLedgerRows()
    {
        var ledger = Given.Ledger();
        ledger.Adjust(Widget, Given.Warehouse, 10m, "opening");
        ledger.Transfer(Widget, Given.Warehouse, Given.Shop, 4m, "refill shop");
        ledger.Adjust(Widget, Given.Shop, -1.5m, "broken");
        ledger.Adjust(Widget, Given.Warehouse, 0.25m, "count");

        foreach (var balance in ledger.Effects.NewBalances)
        {
            balance.OnHand.ShouldBe(ledger.Effects.NewMovements
                .Where(m => m.ProductId == balance.ProductId && m.LocationId == balance.LocationId)
                .Sum(m => m.Quantity));
        }

        ledger.OnHand(Widget, Given.Warehouse).ShouldBe(6.25m);
        ledger.OnHand(Widget, Given.Shop).ShouldBe(2.5m);
    }

    [Fact]
    public void Transfer_WhenStockIsThere_ThenWritesOutAndInRowsSharingOneTransferId()
    {
        var ledger = Given.LedgerWith((Widget, Given.Warehouse, 5m));

        var (outRow, inRow) = ledger.Transfer(Widget, Given.Warehouse, Given.Shop, 3m, null);

        outRow.Kind.ShouldBe(StockMovementKind.TransferOut);
        outRow.Quantity.ShouldBe(-3m);
        inRow.Kind.ShouldBe(StockMovementKind.TransferIn);
        inRow.Quantity.ShouldBe(3m);
        outRow.TransferId.ShouldNotBeNull();
        inRow.TransferId.ShouldBe(outRow.TransferId);
        ledger.OnHand(Widget, Given.Shop).ShouldBe(3m);
    }

    [Fact]
    public void Transfer_WhenMoreThanOnHand_ThenRefusedAndNothingArrives()
    {
        var ledger = Given.LedgerWith((Widget, Given.Warehouse, 1m));

        Should.Throw<DomainException>(() => ledger.Transfer(Widget, Given.Warehouse, Given.Shop, 2m, null));

        ledger.OnHand(Widget, Given.Shop).ShouldBe(0m);
        ledger.Effects.NewMovements.ShouldBeEmpty();
    }

    [Fact]
    public void Transfer_WhenSameLocation_ThenRefused()
    {
        var ledger = Given.LedgerWith((Widget, Given.Warehouse, 1m));

        Should.Throw<DomainException>(() => ledger.Transfer(Widget, Given.Warehouse, Given.Warehouse, 1m, null));
    }

    [Fact]
    public void SetAllocation_WhenBeyondOnHand_ThenAllowedAndTheExcessIsBackorder()
    {
        var ledger = Given.LedgerWith((Widget, Given.Warehouse, 3m));

        ledger.SetAllocation(AllocationSource.Sale, 1, Widget, Given.Warehouse, 5m);

        ledger.Allocated(Widget, Given.Warehouse).ShouldBe(5m);
        ledger.Available(Widget, Given.Warehouse).ShouldBe(-2m);
        ledger.Backorder(AllocationSource.Sale, 1, Widget, Given.Warehouse).ShouldBe(2m);
        ledger.Effects.NewAllocations.ShouldHaveSingleItem().Quantity.ShouldBe(5m);
    }

    [Fact]
    public void Backorder_WhenOnlyOthersAreShort_ThenIsAtMostTheSourcesOwnAllocation()
    {
        var ledger = Given.LedgerWith((Widget, Given.Warehouse, 1m));
        ledger.SetAllocation(AllocationSource.PendingOrder, 9, Widget, Given.Warehouse, 4m);
        ledger.SetAllocation(AllocationSource.Sale, 1, Widget, Given.Warehouse, 2m);

        ledger.Backorder(AllocationSource.Sale, 1, Widget, Given.Warehouse).ShouldBe(2m);
        ledger.Backorder(AllocationSource.Sale, 2, Widget, Given.Warehouse).ShouldBe(0m);
        ledger.AvailableTo(AllocationSource.Sale, 1, Widget, Given.Warehouse).ShouldBe(-3m);
    }

    [Fact]
    public void AllocatedElsewhere_WhenOthersHoldStockAsTotals_ThenAvailabilityAndBackorderCountThemAndNothingIsStored()
    {
        var ledger = Given.LedgerWith((Widget, Given.Warehouse, 10m))
            .AllocatedElsewhere([new StockFigure(Widget, Given.Warehouse, 6m), new StockFigure(Widget, Given.Warehouse, 1m),
                new StockFigure(Widget, Given.Warehouse + 1, 50m)]);

        ledger.SetAllocation(AllocationSource.Sale, 1, Widget, Given.Warehouse, 5m);

        ledger.Allocated(Widget, Given.Warehouse).ShouldBe(12m);
        ledger.Available(Widget, Given.Warehouse).ShouldBe(-2m);
        ledger.AvailableTo(AllocationSource.Sale, 1, Widget, Given.Warehouse).ShouldBe(3m);
        ledger.Backorder(AllocationSource.Sale, 1, Widget, Given.Warehouse).ShouldBe(2m);
        ledger.Effects.NewAllocations.ShouldHaveSingleItem().Quantity.ShouldBe(5m);
        ledger.Allocations.ShouldHaveSingleItem();
    }

    [Fact]
    public void SetAllocation_WhenChangedThenReleased_ThenTheLoadedRowIsUpdatedThenListedForDeletion()
    {
        var setup = Given.Ledger();
        setup.SetAllocation(AllocationSource.Sale, 1, Widget, Given.Warehouse, 2m);
        var row = setup.Effects.NewAllocations.Single();
        var ledger = Given.Ledger([], [row]);

        ledger.SetAllocation(AllocationSource.Sale, 1, Widget, Given.Warehouse, 3m);
        row.Quantity.ShouldBe(3m);
        ledger.Effects.NewAllocations.ShouldBeEmpty();

        ledger.SetAllocation(AllocationSource.Sale, 1, Widget, Given.Warehouse, 0m);
        ledger.Effects.ReleasedAllocations.ShouldBe([row]);
        ledger.Allocated(Widget, Given.Warehouse).ShouldBe(0m);
    }

    [Fact]
    public void SetAllocation_WhenMadeAndReleasedInOneUnitOfWork_ThenNothingIsLeftToStore()
    {
        var ledger = Given.Ledger();

        ledger.SetAllocation(AllocationSource.Sale, 1, Widget, Given.Warehouse, 2m);
        ledger.SetAllocation(AllocationSource.Sale, 1, Widget, Given.Warehouse, 0m);

        ledger.Effects.NewAllocations.ShouldBeEmpty();
        ledger.Effects.ReleasedAllocations.ShouldBeEmpty();
        ledger.Effects.TouchedProductIds.ShouldBe([Widget]);
    }

    [Fact]
    public void SetAllocation_WhenSourceHasNoIdYet_ThenRefused()
    {
        var ledger = Given.Ledger();

        Should.Throw<InvalidOperationException>(() => ledger.SetAllocation(AllocationSource.Sale, 0, Widget, Given.Warehouse, 1m));
    }

    [Fact]
    public void SetAllocation_WhenNegative_ThenRefused()
    {
        var ledger = Given.Ledger();

        Should.Throw<DomainException>(() => ledger.SetAllocation(AllocationSource.Sale, 1, Widget, Given.Warehouse, -1m));
    }

    [Fact]
    public void ReleaseAll_WhenSourceHasSeveralAllocations_ThenReleasesOnlyThose()
    {
        var ledger = Given.Ledger();
        ledger.SetAllocation(AllocationSource.Sale, 1, Widget, Given.Warehouse, 2m);
        ledger.SetAllocation(AllocationSource.Sale, 1, 102, Given.Shop, 1m);
        ledger.SetAllocation(AllocationSource.Sale, 2, Widget, Given.Warehouse, 4m);

        ledger.ReleaseAll(AllocationSource.Sale, 1);

        ledger.Allocated(Widget, Given.Warehouse).ShouldBe(4m);
        ledger.Allocated(102, Given.Shop).ShouldBe(0m);
    }

    [Fact]
    public void EveryAvailabilityChange_ThenMarksItsProductChangedOncePerUnitOfWork()
    {
        var setup = Given.Ledger();
        setup.SetAllocation(AllocationSource.Sale, 1, 104, Given.Warehouse, 1m);
        var loaded = setup.Effects.NewAllocations.Single();
        var ledger = Given.Ledger([], [loaded]);

        ledger.Adjust(101, Given.Warehouse, 1m, "count");
        ledger.Adjust(101, Given.Warehouse, 1m, "count again");
        ledger.Transfer(101, Given.Warehouse, Given.Shop, 1m, null);
        ledger.SetAllocation(AllocationSource.Sale, 1, 102, Given.Warehouse, 1m);
        ledger.SetAllocation(AllocationSource.PendingOrder, 5, 103, Given.Warehouse, 1m);
        ledger.SetAllocation(AllocationSource.Sale, 1, 104, Given.Warehouse, 0m);

        ledger.Effects.TouchedProductIds.Order().ShouldBe([101, 102, 103, 104]);
        ledger.Effects.StockChanges.ShouldAllBe(c => c.OrganizationId == Given.Org && c.ChangedAt == Given.Now);
    }

    [Fact]
    public void SetAllocation_WhenQuantityIsUnchanged_ThenNothingIsMarked()
    {
        var setup = Given.Ledger();
        setup.SetAllocation(AllocationSource.Sale, 1, Widget, Given.Warehouse, 2m);
        var ledger = Given.Ledger([], setup.Effects.NewAllocations);

        ledger.SetAllocation(AllocationSource.Sale, 1, Widget, Given.Warehouse, 2m);

        ledger.Effects.IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void Constructor_WhenRowsOfAnotherOrganizationAreLoaded_ThenRefused()
    {
        var foreign = StockBalance.Open(Given.Org + 1, Widget, Given.Warehouse);

        Should.Throw<InvalidOperationException>(() => Given.Ledger([foreign]));
    }

    [Fact]
    public void Constructor_WhenNowIsNotUtc_ThenRefused()
    {
        Should.Throw<ArgumentException>(() => new StockLedger(Given.Org, new DateTime(2026, 1, 1), [], []));
    }
}
