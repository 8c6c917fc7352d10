using Portal.Domain;
using Portal.Features.Common;

namespace Portal.Tests.Components;

/// <summary>A form's one summary never repeats an error its field shows, and never drops one no field shows.</summary>
public sealed class ErrorSummaryTests
{
    private static bool OnField(string field) => field is "Name" or "Email";

    [Fact]
    public void Of_WhenEveryErrorIsOnAField_ThenOnlyPointsAtTheFields()
    {
        var result = OperationResult.Fail("Name is required. Email is wrong.", [new("Name", "Name is required."), new("Email", "Email is wrong.")]);

        ErrorSummary.Of(result, OnField).ShouldBe(ErrorSummary.NothingSaved);
    }

    [Fact]
    public void Of_WhenAnErrorHasNoFieldOnTheForm_ThenWritesOnlyThatOneOut()
    {
        var result = OperationResult.Fail("Name is required. Terms are negative.", [new("Name", "Name is required."), new("Terms", "Terms are negative.")]);

        ErrorSummary.Of(result, OnField).ShouldBe(ErrorSummary.NothingSaved + " Terms are negative.");
    }

    [Fact]
    public void Of_WhenNoErrorHasAFieldOnTheForm_ThenWritesThemOutWithoutPointing()
    {
        var result = OperationResult.Fail("Terms are negative.", [new ValidationError("Terms", "Terms are negative.")]);

        ErrorSummary.Of(result, OnField).ShouldBe("Terms are negative.");
    }

    [Fact]
    public void Of_WhenTheRefusalHasNoFields_ThenIsItsMessage_AndNullWhenDone()
    {
        ErrorSummary.Of(OperationResult.Fail("The store did not answer."), OnField).ShouldBe("The store did not answer.");
        ErrorSummary.Of(OperationResult.Ok, OnField).ShouldBeNull();
    }
}
