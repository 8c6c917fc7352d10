using Microsoft.AspNetCore.Http;
using System.Net;
using Portal.WooCommerce;

namespace Portal.Tests.WooCommerce;

/// <summary>Request forgery: the client connects only to public addresses unless allowed, checks the address it
/// actually connects to, and never follows a redirect.</summary>
public sealed class StoreAddressGuardTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.0.9")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("239.255.255.250")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::127.0.0.1")]
    [InlineData("64:ff9b::7f00:1")]
    [InlineData("2002:c0a8:101::1")]
    public void IsPublic_WhenAddressIsLoopbackPrivateLinkLocalMulticastOrUnspecified_ThenFalse(string address) =>
        StoreAddressGuard.IsPublic(IPAddress.Parse(address)).ShouldBeFalse();

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("93.184.216.34")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("192.169.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    public void IsPublic_WhenAddressIsOnTheInternet_ThenTrue(string address) =>
        StoreAddressGuard.IsPublic(IPAddress.Parse(address)).ShouldBeTrue();

    [Fact]
    public async Task Call_WhenHostNameResolvesToLoopbackAndPrivateNotAllowed_ThenRefusedBeforeAnythingIsSent()
    {
        await using var store = await ScriptedStore.StartAsync((context, _) => ScriptedStore.Json(context, 200, "{}"));
        var options = WooTestClients.Fast();
        options.AllowPrivateAddresses = false;
        using var factory = WooTestClients.Factory(options);
        var client = factory.GetClient(Connection(store, "localhost"));

        var error = await Should.ThrowAsync<WooApiException>(() => client.GetSiteIndexAsync());

        error.Kind.ShouldBe(WooErrorKind.PrivateAddress);
        error.Message.ShouldStartWith("The store address localhost resolves to ");
        error.Message.ShouldContain("a private network address");
        store.Hits.ShouldBe(0);
    }

    [Fact]
    public async Task Call_WhenAddressIsALoopbackLiteralAndPrivateNotAllowed_ThenRefused()
    {
        await using var store = await ScriptedStore.StartAsync((context, _) => ScriptedStore.Json(context, 200, "{}"));
        var options = WooTestClients.Fast();
        options.AllowPrivateAddresses = false;
        using var factory = WooTestClients.Factory(options);

        var error = await Should.ThrowAsync<WooApiException>(() => factory.GetClient(Connection(store, "127.0.0.1")).GetSiteIndexAsync());

        error.Kind.ShouldBe(WooErrorKind.PrivateAddress);
        error.Message.ShouldContain("resolves to 127.0.0.1");
        store.Hits.ShouldBe(0, "a refused address is not retried either");
    }

    [Fact]
    public async Task Call_WhenHostNameResolvesToLoopbackAndPrivateAllowed_ThenConnects()
    {
        await using var store = await ScriptedStore.StartAsync((context, _) =>
            ScriptedStore.Json(context, 200, """{"name":"Shop","namespaces":["wc/v3"]}"""));
        using var factory = WooTestClients.Factory(); // Fast() allows private addresses

        var index = await factory.GetClient(Connection(store, "localhost")).GetSiteIndexAsync();

        index.HasWooCommerceV3.ShouldBeTrue();
        store.Hits.ShouldBe(1);
    }

    [Fact]
    public async Task Call_WhenStoreRedirects_ThenNotFollowedAndTheTargetSiteIsNamedWithoutTheBody()
    {
        const string bodyMarker = "INTERNAL-PAGE-7f3a";
        await using var store = await ScriptedStore.StartAsync((context, _) =>
        {
            context.Response.StatusCode = 301;
            context.Response.Headers.Location = $"http://www.shop.example/wp-json/?consumer_key={WooTestClients.Key}";
            return context.Response.WriteAsync(bodyMarker);
        });
        using var factory = WooTestClients.Factory();

        var error = await Should.ThrowAsync<WooApiException>(() => factory.GetClient(Connection(store, "127.0.0.1")).GetSiteIndexAsync());

        error.Kind.ShouldBe(WooErrorKind.Redirected);
        error.StatusCode.ShouldBe(301);
        error.Message.ShouldContain("redirects to http://www.shop.example (HTTP 301)");
        error.Message.ShouldContain("connect the store as http://www.shop.example.");
        error.ToString().ShouldNotContain(bodyMarker);
        error.ToString().ShouldNotContain(WooTestClients.Key);
        store.Hits.ShouldBe(1, "a redirect is not retried");
    }

    [Fact]
    public async Task Call_WhenStoreInASubfolderRedirectsToHttps_ThenTheHttpsSiteWithItsFolderIsNamed()
    {
        await using var store = await ScriptedStore.StartAsync((context, _) =>
        {
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = "https://shop.example/store/wp-json/";
            return Task.CompletedTask;
        });
        using var factory = WooTestClients.Factory();
        var connection = new WooStoreConnection("shop", new Uri(store.BaseUrl, "/store"), WooTestClients.Key, WooTestClients.Secret);

        var error = await Should.ThrowAsync<WooApiException>(() => factory.GetClient(connection).GetSiteIndexAsync());

        error.Kind.ShouldBe(WooErrorKind.Redirected);
        error.Message.ShouldContain("connect the store as https://shop.example/store.");
    }

    [Fact]
    public async Task Call_WhenStoreRedirectsToAnotherPage_ThenNotTheApiAndNoAddressToConnectIsSuggested()
    {
        await using var store = await ScriptedStore.StartAsync((context, _) =>
        {
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = "/wp-login.php?redirect_to=%2Fwp-json%2F";
            return context.Response.WriteAsync("login page 41c2");
        });
        using var factory = WooTestClients.Factory();

        var error = await Should.ThrowAsync<WooApiException>(() => factory.GetClient(Connection(store, "127.0.0.1")).GetSiteIndexAsync());

        error.Kind.ShouldBe(WooErrorKind.NotJson);
        error.Message.ShouldContain("a redirect to another page, not the WooCommerce API");
        error.ToString().ShouldNotContain("41c2");
        store.Hits.ShouldBe(1);
    }

    private static WooStoreConnection Connection(ScriptedStore store, string host) =>
        new("shop", new UriBuilder(store.BaseUrl) { Host = host }.Uri, WooTestClients.Key, WooTestClients.Secret);
}
