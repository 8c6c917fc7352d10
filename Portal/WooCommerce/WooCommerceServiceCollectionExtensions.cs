using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Portal.WooCommerce;

public static class WooCommerceServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IWooClientFactory"/>, <see cref="WooClientOptions"/> (section
    /// <c>WooCommerce</c>, validated at start-up) and an in-memory <see cref="IWooCallRecorder"/> unless one is
    /// registered already.</summary>
    public static IServiceCollection AddWooCommerceClient(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WooClientOptions>()
            .Bind(configuration.GetSection(WooClientOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<InMemoryWooCallRecorder>();
        services.TryAddSingleton<IWooCallRecorder>(sp => sp.GetRequiredService<InMemoryWooCallRecorder>());
        services.TryAddSingleton<IWooClientFactory, WooClientFactory>();
        return services;
    }
}
