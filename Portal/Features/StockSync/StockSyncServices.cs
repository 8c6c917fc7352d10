using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portal.Features.StockSync;

public static class StockSyncServices
{
    /// <summary>The push, its trigger (one instance: the service other features call and the queue it drains) and
    /// the interceptor that fires it after every committed stock change. The jobs are registered with Quartz by
    /// <see cref="StockSyncSweepJob.Register"/>; <see cref="PushStockJob"/> details are added per store on demand.</summary>
    public static IServiceCollection AddStockSync(this IServiceCollection services)
    {
        services.AddOptions<StockSyncOptions>().BindConfiguration(StockSyncOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PushStock>();
        services.AddSingleton<StockPushTrigger>();
        services.AddSingleton<IStockPushTrigger>(sp => sp.GetRequiredService<StockPushTrigger>());
        services.AddHostedService(sp => sp.GetRequiredService<StockPushTrigger>());
        services.AddSingleton<IInterceptor, StockChangeCommitInterceptor>();
        return services;
    }
}
