namespace Portal.Features.Orders;

public static class OrderCaptureServices
{
    /// <summary>Order capture: the inbox drain, polling, the Log and Pending Orders handlers.</summary>
    public static IServiceCollection AddOrderCapture(this IServiceCollection services)
    {
        services.AddOptions<OrderInboxOptions>().BindConfiguration(OrderInboxOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OrderPollingOptions>().BindConfiguration(OrderPollingOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OrderInboxSignal>();
        services.AddScoped<CaptureOrders>();
        services.AddScoped<DrainOrderInbox>();
        services.AddScoped<PollOrders>();
        services.AddScoped<OrderLogCommands>();
        services.AddScoped<StoreCatalog.ICatalogOperationHandler, LoadOrders>();
        return services;
    }
}
