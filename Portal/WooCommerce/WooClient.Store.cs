namespace Portal.WooCommerce;

public sealed partial class WooClient
{
    /// <summary><c>GET /wp-json/</c>: namespaces, time zone and GMT offset of the site.</summary>
    public Task<WooSiteIndex> GetSiteIndexAsync(CancellationToken ct = default) =>
        GetAsync<WooSiteIndex>("", null, ct);

    /// <summary>The site index, or <see cref="WooErrorKind.NoWooCommerceApi"/> when the site has no wc/v3.</summary>
    public async Task<WooSiteIndex> EnsureWooCommerceAsync(CancellationToken ct = default)
    {
        var index = await GetSiteIndexAsync(ct);
        if (!index.HasWooCommerceV3)
        {
            throw new WooApiException(WooErrorKind.NoWooCommerceApi,
                $"Store '{Connection.StoreKey}' has no wc/v3 REST API (namespaces: {string.Join(", ", index.Namespaces ?? [])}).",
                Connection.StoreKey, "GET", "/wp-json/", 200);
        }
        return index;
    }

    public Task<WooRouteIndex> GetRouteIndexAsync(CancellationToken ct = default) =>
        GetAsync<WooRouteIndex>("wc/v3", null, ct);

    public Task<WooSystemStatus> GetSystemStatusAsync(CancellationToken ct = default) =>
        GetAsync<WooSystemStatus>(ApiPrefix + "system_status", null, ct);

    public Task<IReadOnlyList<WooSetting>> ListGeneralSettingsAsync(CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<WooSetting>>(ApiPrefix + "settings/general", null, ct);

    public Task<WooCurrency> GetCurrentCurrencyAsync(CancellationToken ct = default) =>
        GetAsync<WooCurrency>(ApiPrefix + "data/currencies/current", null, ct);

    public Task<WooPage<WooCustomer>> ListCustomersAsync(WooCustomerQuery? query = null, int page = 1, int? perPage = null,
        CancellationToken ct = default) =>
        GetPageAsync<WooCustomer>(ApiPrefix + "customers", query?.ToQuery(), page, perPage, ct);

    public IAsyncEnumerable<WooCustomer> IterateCustomersAsync(WooCustomerQuery? query = null, CancellationToken ct = default) =>
        IterateAsync<WooCustomer>(ApiPrefix + "customers", query?.ToQuery(), ct);

    public Task<WooCustomer> GetCustomerAsync(long id, CancellationToken ct = default) =>
        GetAsync<WooCustomer>($"{ApiPrefix}customers/{Segment(id)}", null, ct);

    public IAsyncEnumerable<WooCoupon> IterateCouponsAsync(CancellationToken ct = default) =>
        IterateAsync<WooCoupon>(ApiPrefix + "coupons", null, ct);

    public Task<WooCoupon> GetCouponAsync(long id, CancellationToken ct = default) =>
        GetAsync<WooCoupon>($"{ApiPrefix}coupons/{Segment(id)}", null, ct);

    public IAsyncEnumerable<WooTax> IterateTaxesAsync(CancellationToken ct = default) =>
        IterateAsync<WooTax>(ApiPrefix + "taxes", null, ct);

    public Task<IReadOnlyList<WooTaxClass>> ListTaxClassesAsync(CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<WooTaxClass>>(ApiPrefix + "taxes/classes", null, ct);

    public Task<IReadOnlyList<WooPaymentGateway>> ListPaymentGatewaysAsync(CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<WooPaymentGateway>>(ApiPrefix + "payment_gateways", null, ct);

    public Task<IReadOnlyList<WooShippingMethod>> ListShippingMethodsAsync(CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<WooShippingMethod>>(ApiPrefix + "shipping_methods", null, ct);

    private const string Webhooks = ApiPrefix + "webhooks";

    public IAsyncEnumerable<WooWebhook> IterateWebhooksAsync(CancellationToken ct = default) =>
        IterateAsync<WooWebhook>(Webhooks, null, ct);

    public Task<WooWebhook> GetWebhookAsync(long id, CancellationToken ct = default) =>
        GetAsync<WooWebhook>($"{Webhooks}/{Segment(id)}", null, ct);

    /// <summary>Creates a webhook at most once per topic and delivery URL: after an ambiguous failure the
    /// store's webhooks are searched first. The store pings the URL while creating, and creates the webhook
    /// (201) even when the ping fails.</summary>
    public Task<WooWebhook> CreateWebhookAsync(WooWebhook webhook, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(webhook.Topic);
        ArgumentException.ThrowIfNullOrWhiteSpace(webhook.DeliveryUrl);
        return CreateWebhookOnceAsync(webhook, ct);
    }

    private async Task<WooWebhook> CreateWebhookOnceAsync(WooWebhook webhook, CancellationToken ct)
    {
        WooCallSubject.Current = webhook.Topic;
        return await CreateOnceAsync(Webhooks, webhook, async token =>
        {
            await foreach (var existing in IterateWebhooksAsync(token))
            {
                if (existing.DeliveryUrl == webhook.DeliveryUrl && existing.Topic == webhook.Topic)
                    return existing;
            }
            return null;
        }, ct);
    }

    public async Task<WooWebhook> UpdateWebhookAsync(long id, WooWebhook changes, CancellationToken ct = default)
    {
        WooCallSubject.Current = changes.Topic;
        return await SendJsonAsync<WooWebhook>(HttpMethod.Put, $"{Webhooks}/{Segment(id)}", changes with { Id = 0 }, ct);
    }

    /// <summary>Webhooks cannot be trashed; the store requires force.</summary>
    public Task<WooWebhook> DeleteWebhookAsync(long id, CancellationToken ct = default) =>
        SendJsonAsync<WooWebhook>(HttpMethod.Delete, $"{Webhooks}/{Segment(id)}", null, ct, new WooQuery().With("force", true));
}
