using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Portal.WooCommerce;

namespace Portal.Tests.WooCommerce;

public class WooCommerceServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddWooCommerceClient(configuration).BuildServiceProvider();
    }

    [Fact]
    public void AddWooCommerceClient_WhenConfigured_ThenOptionsBoundAndFactoryResolves()
    {
        using var services = Build(new()
        {
            ["WooCommerce:MaxConcurrentRequestsPerStore"] = "2",
            ["WooCommerce:AttemptTimeout"] = "00:00:45",
        });

        var options = services.GetRequiredService<IOptions<WooClientOptions>>().Value;
        var factory = services.GetRequiredService<IWooClientFactory>();

        options.MaxConcurrentRequestsPerStore.ShouldBe(2);
        options.AttemptTimeout.ShouldBe(TimeSpan.FromSeconds(45));
        factory.ShouldBeOfType<WooClientFactory>();
        services.GetRequiredService<IWooCallRecorder>().ShouldBeSameAs(services.GetRequiredService<InMemoryWooCallRecorder>());
    }

    [Fact]
    public async Task AddWooCommerceClient_WhenSettingOutOfRange_ThenStartFailsNamingIt()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WooCommerce:PageSize"] = "500",
        }).Build();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddWooCommerceClient(configuration);
        using var host = builder.Build();

        var error = await Should.ThrowAsync<OptionsValidationException>(() => host.StartAsync());

        error.Message.ShouldContain("PageSize");
    }

    [Fact]
    public void GetClient_WhenSameStoreTwice_ThenSameClientUntilCredentialsChange()
    {
        using var services = Build([]);
        var factory = services.GetRequiredService<IWooClientFactory>();

        var first = factory.GetClient(WooTestClients.Https("a"));
        var again = factory.GetClient(WooTestClients.Https("a"));
        var other = factory.GetClient(WooTestClients.Https("b"));
        var rotated = factory.GetClient(new WooStoreConnection("a", new Uri("https://shop.test"), WooTestClients.Key, "cs_rotated"));

        again.ShouldBeSameAs(first);
        other.ShouldNotBeSameAs(first);
        rotated.ShouldNotBeSameAs(first);
        rotated.Connection.ConsumerSecret.ShouldBe("cs_rotated");
        factory.GetClient(new WooStoreConnection("a", new Uri("https://shop.test"), WooTestClients.Key, "cs_rotated")).ShouldBeSameAs(rotated);
    }

    [Fact]
    public void InMemoryRecorder_WhenOverCapacity_ThenKeepsTheLatestCallsPerStore()
    {
        var recorder = new InMemoryWooCallRecorder(capacityPerStore: 3);
        for (var i = 1; i <= 5; i++)
            recorder.Record(new WooCall("a", "GET", $"/p/{i}", 200, TimeSpan.Zero, 1, null, DateTimeOffset.UnixEpoch));
        recorder.Record(new WooCall("b", "GET", "/x", 200, TimeSpan.Zero, 1, null, DateTimeOffset.UnixEpoch));

        recorder.GetCalls("a").Select(c => c.Path).ShouldBe(["/p/3", "/p/4", "/p/5"]);
        recorder.GetCalls("b").Count.ShouldBe(1);
        recorder.GetCalls("none").ShouldBeEmpty();
    }

    [Theory]
    [InlineData(WooAuthMode.Basic)]
    [InlineData(WooAuthMode.QueryString)]
    public void Connection_WhenKeyAuthForcedOnHttpStore_ThenRefused(WooAuthMode mode)
    {
        Should.Throw<ArgumentException>(() => WooTestClients.Http() with { ForcedAuthMode = mode });
        (WooTestClients.Http() with { ForcedAuthMode = WooAuthMode.OAuth1 }).ForcedAuthMode.ShouldBe(WooAuthMode.OAuth1);
    }

    [Fact]
    public async Task GetClient_WhenManyCallersAtOnce_ThenOneClientPerStore()
    {
        using var factory = WooTestClients.Factory();

        var clients = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() => factory.GetClient(WooTestClients.Https("same")))));

        clients.Distinct().Count().ShouldBe(1);
    }
}
