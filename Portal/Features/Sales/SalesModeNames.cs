using Portal.Domain.Sales;

namespace Portal.Features.Sales;

/// <summary>How the automatic fulfilment and assembly modes are named wherever a merchant chooses one.</summary>
public static class SalesModeNames
{
    public static string Of(AutoFulfilmentMode mode) => mode switch
    {
        AutoFulfilmentMode.Pick => "Pick",
        AutoFulfilmentMode.PickPack => "Pick + pack",
        AutoFulfilmentMode.PickPackShip => "Pick + pack + ship",
        _ => "None",
    };

    public static string Of(AutoAssemblyMode mode) => mode switch
    {
        AutoAssemblyMode.ForOrderedQuantity => "The ordered quantity",
        AutoAssemblyMode.ForMinimumRequiredForPicking => "The minimum required for picking",
        _ => "None",
    };
}
