using Portal.Domain.Integrations.Orders;

namespace Portal.Domain.Tests.Integrations.Orders;

/// <summary>A row of a mapping table: a real store order (maybe changed), a change to the settings, and what the sale must show.</summary>
internal sealed record MappingRow(Func<StoreOrder> Order, Action<SalePlan> Check, Func<OrderMappingSettings, OrderMappingSettings>? Settings = null)
{
    public void Run() => Check(SaleMapping.Map(Order(), (Settings ?? (s => s))(StoreOrderFixtures.Settings()), StoreOrderFixtures.CapturedAt));
}
