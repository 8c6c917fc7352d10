namespace Portal.Features.TrackingExport;

public static class TrackingExportServices
{
    public static IServiceCollection AddTrackingExport(this IServiceCollection services)
    {
        services.AddOptions<TrackingExportOptions>().BindConfiguration(TrackingExportOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<ExportTracking>();
        services.AddScoped<TrackingExportCommands>();
        return services;
    }
}
