using Portal.WooCommerce;
using WooCommerce.Emulator.Control;

namespace Portal.Tests.WooCommerce;

/// <summary>Every client method against the emulator over http with OAuth 1.0a: the requests the client builds
/// are accepted by an independent implementation of WooCommerce, and its answers parse.</summary>
public class WooClientContractTests(WooEmulatorFixture store) : IClassFixture<WooEmulatorFixture>
{
    private readonly WooClient _client = store.Client();

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20].ToUpperInvariant();

    [Fact]
    public async Task SiteIndexAndSystem_WhenSeeded_ThenWooCommerceWithTimezoneVersionsAndCurrency()
    {
        var index = await _client.EnsureWooCommerceAsync();
        var routes = await _client.GetRouteIndexAsync();
        var status = await _client.GetSystemStatusAsync();
        var settings = await _client.ListGeneralSettingsAsync();
        var currency = await _client.GetCurrentCurrencyAsync();

        index.Namespaces!.ShouldContain("wc/v3");
        index.TimezoneString.ShouldNotBeNull();
        index.GmtOffset.ShouldNotBeNull();
        routes.Namespace.ShouldBe("wc/v3");
        routes.Routes!.Keys.ShouldContain("/wc/v3/products");
        status.Environment!.Version.ShouldNotBeNullOrEmpty();
        status.Environment.WpVersion.ShouldNotBeNullOrEmpty();
        settings.ShouldContain(s => s.Id == "woocommerce_currency" && s.StringValue == "USD");
        currency.Code.ShouldBe("USD");
    }

    [Theory]
    [InlineData(WooSignatureMethod.HmacSha256)]
    [InlineData(WooSignatureMethod.HmacSha1)]
    public async Task GetProduct_WhenSignedWithEitherHmac_ThenAccepted(WooSignatureMethod method)
    {
        var product = await store.Client(method: method).GetProductAsync(12);

        product.Id.ShouldBe(12);
        product.Sku.ShouldNotBeNullOrEmpty();
        product.Price.ShouldNotBeNull();
        product.DateModifiedGmt!.Value.Kind.ShouldBe(DateTimeKind.Utc);
    }

    [Fact]
    public async Task IterateProducts_WhenSeveralPages_ThenEveryProductOnceAndOneRequestPerPage()
    {
        var options = WooTestClients.Fast();
        options.PageSize = 20;
        var client = store.Client(options, storeKey: "paging");
        var first = await client.ListProductsAsync(perPage: 20);
        var before = store.Emulator.Requests.Count;

        var ids = new List<long>();
        await foreach (var product in client.IterateProductsAsync())
            ids.Add(product.Id);

        ids.Count.ShouldBe(first.Total!.Value);
        ids.Distinct().Count().ShouldBe(ids.Count);
        (store.Emulator.Requests.Count - before).ShouldBe(first.TotalPages!.Value);
        first.TotalPages.Value.ShouldBeGreaterThan(2);
    }

    [Fact]
    public async Task ListProducts_WhenFilteredBySkuStatusAndModifiedAfter_ThenEmulatorApplies()
    {
        var bySku = await _client.FindProductBySkuAsync("SHIRT-OXF-001");
        var published = await _client.ListProductsAsync(new WooProductQuery { Status = "publish", OrderBy = "id", Order = "asc" }, perPage: 5);
        var future = await _client.ListProductsAsync(new WooProductQuery { ModifiedAfter = new DateTime(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc) });

        bySku!.Sku.ShouldBe("SHIRT-OXF-001");
        published.Items.Count.ShouldBe(5);
        published.Items.Select(p => p.Id).ShouldBeInOrder();
        published.Items.ShouldAllBe(p => p.Status == "publish");
        future.Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task ProductLifecycle_WhenCreatedUpdatedDeleted_ThenEachStepVisible()
    {
        var sku = Unique("CT");
        var created = await _client.CreateProductAsync(new WooProduct
        {
            Name = "Contract shirt", Sku = sku, Type = "simple", RegularPrice = 19.99m, ManageStock = true, StockQuantity = 7,
            MetaData = [WooMetaData.Of("_wooportal_id", "P-1")],
        });
        var updated = await _client.UpdateProductAsync(created.Id, new WooProduct { StockQuantity = 3, SalePrice = 15.00m });
        var fetched = await _client.GetProductAsync(created.Id);
        await _client.DeleteProductAsync(created.Id, force: true);

        created.Id.ShouldBeGreaterThan(0);
        created.RegularPrice.ShouldBe(19.99m);
        created.MetaData.GetMeta("_wooportal_id").ShouldBe("P-1");
        updated.StockQuantity.ShouldBe(3);
        fetched.SalePrice.ShouldBe(15.00m);
        fetched.StockStatus.ShouldBe("instock");
        (await Should.ThrowAsync<WooApiException>(() => _client.GetProductAsync(created.Id))).Kind.ShouldBe(WooErrorKind.NotFound);
    }

    [Fact]
    public async Task BatchProducts_When150Creates_ThenTwoRequestsAndUpdatesAndDeletesApplied()
    {
        var prefix = Unique("B");
        var before = store.Emulator.Requests.Count;

        var created = await _client.BatchProductsAsync(new WooBatch<WooProduct>
        {
            Create = [.. Enumerable.Range(1, 150).Select(i => new WooProduct { Name = $"Bulk {i}", Sku = $"{prefix}-{i}", RegularPrice = 1m, ManageStock = true, StockQuantity = 1 })],
        });
        var batchRequests = store.Emulator.Requests.Entries.Skip(before).Count(r => r.Path.EndsWith("/products/batch", StringComparison.Ordinal));
        var changed = await _client.BatchProductsAsync(new WooBatch<WooProduct>
        {
            Update = [.. created.Created.Take(60).Select(p => new WooProduct { Id = p.Id, StockQuantity = 42 })],
            Delete = [.. created.Created.Skip(60).Select(p => p.Id)],
        });

        created.Created.Count.ShouldBe(150);
        created.Errors.ShouldBeEmpty();
        batchRequests.ShouldBe(2);
        changed.Updated.ShouldAllBe(p => p.StockQuantity == 42);
        changed.Deleted.Count.ShouldBe(90);
        (await _client.GetProductAsync(created.Created[0].Id)).StockQuantity.ShouldBe(42);
    }

    [Fact]
    public async Task Variations_WhenListedIteratedAndBatchedPerParent_ThenMatchTheStore()
    {
        var parent = await _client.GetProductAsync(61);
        var page = await _client.ListVariationsAsync(61, perPage: 5);
        var all = new List<WooVariation>();
        await foreach (var variation in _client.IterateVariationsAsync(61))
            all.Add(variation);
        var single = await _client.GetVariationAsync(61, all[0].Id);
        var mug = new List<WooVariation>();
        await foreach (var variation in _client.IterateVariationsAsync(78))
            mug.Add(variation);

        var result = await _client.UpdateVariationsAsync(
        [
            new WooVariation { Id = all[0].Id, ParentId = 61, ManageStock = WooStockManagement.On, StockQuantity = 11 },
            new WooVariation { Id = mug[0].Id, ParentId = 78, RegularPrice = 12.50m },
        ]);

        parent.Type.ShouldBe("variable");
        all.Select(v => v.Id).ShouldBe(parent.Variations!, ignoreOrder: true);
        page.Items.Count.ShouldBe(5);
        single.Attributes!.Count.ShouldBe(4);
        result.Errors.ShouldBeEmpty();
        (await _client.GetVariationAsync(61, all[0].Id)).StockQuantity.ShouldBe(11);
        (await _client.GetVariationAsync(78, mug[0].Id)).RegularPrice.ShouldBe(12.50m);
    }

    [Fact]
    public async Task VariationLifecycle_WhenCreatedUpdatedBatchedDeleted_ThenApplied()
    {
        var sku = Unique("V");
        var created = await _client.CreateVariationAsync(78, new WooVariation
        {
            Sku = sku, RegularPrice = 9m, ManageStock = WooStockManagement.On, StockQuantity = 2,
            Attributes = [new WooVariationAttribute { Id = 1, Option = "Red" }],
        });
        var updated = await _client.UpdateVariationAsync(78, created.Id, new WooVariation { StockQuantity = 5 });
        var batched = await _client.BatchVariationsAsync(78, new WooBatch<WooVariation> { Update = [new WooVariation { Id = created.Id, StockQuantity = 6 }] });
        await _client.DeleteVariationAsync(78, created.Id);

        created.Sku.ShouldBe(sku);
        updated.StockQuantity.ShouldBe(5);
        batched.Updated.Single().StockQuantity.ShouldBe(6);
        (await Should.ThrowAsync<WooApiException>(() => _client.GetVariationAsync(78, created.Id))).Kind.ShouldBe(WooErrorKind.NotFound);
    }

    [Fact]
    public async Task Taxonomies_WhenListedAndCreated_ThenRoundTrip()
    {
        var categories = await ToListAsync(_client.IterateCategoriesAsync());
        var category = await _client.CreateCategoryAsync(new WooCategory { Name = Unique("Cat"), Parent = categories[0].Id });
        var renamed = await _client.UpdateCategoryAsync(category.Id, new WooCategory { Description = "Made by the portal" });
        var fetched = await _client.GetCategoryAsync(category.Id);
        await _client.DeleteCategoryAsync(category.Id);
        var tags = await ToListAsync(_client.IterateTagsAsync());
        var tag = await _client.CreateTagAsync(new WooTerm { Name = Unique("Tag") });
        var attributes = await _client.ListAttributesAsync();
        var color = await _client.GetAttributeAsync(1);
        var terms = await ToListAsync(_client.IterateAttributeTermsAsync(1));
        var term = await _client.CreateAttributeTermAsync(1, new WooTerm { Name = Unique("Shade") });
        var attribute = await _client.CreateAttributeAsync(new WooAttribute { Name = Unique("Attr") });

        categories.ShouldContain(c => c.Parent > 0);
        fetched.Description.ShouldBe("Made by the portal");
        renamed.Parent.ShouldBe(categories[0].Id);
        tags.ShouldNotBeEmpty();
        tag.Id.ShouldBeGreaterThan(0);
        attributes.Count.ShouldBeGreaterThanOrEqualTo(4);
        color.Name.ShouldBe("Color");
        terms.ShouldNotBeEmpty();
        term.Id.ShouldBeGreaterThan(0);
        attribute.Id.ShouldBeGreaterThan(4);
    }

    [Fact]
    public async Task Customers_WhenListedByEmailIteratedAndFetched_ThenMatch()
    {
        var all = await ToListAsync(_client.IterateCustomersAsync(new WooCustomerQuery { Role = "all" }));
        var customer = all.First(c => c.Role == "customer");
        var byEmail = await _client.ListCustomersAsync(new WooCustomerQuery { Email = customer.Email });
        var fetched = await _client.GetCustomerAsync(customer.Id);

        all.Count.ShouldBeGreaterThan(1);
        byEmail.Items.Single().Id.ShouldBe(customer.Id);
        fetched.Billing!.Address1.ShouldNotBeNullOrEmpty();
        fetched.DateCreatedGmt.ShouldNotBeNull();
    }

    [Fact]
    public async Task Orders_WhenFilteredIteratedAndFetched_ThenMatch()
    {
        var all = await ToListAsync(_client.IterateOrdersAsync(new WooOrderQuery { Status = ["any"] }));
        var processing = await _client.ListOrdersAsync(new WooOrderQuery { Status = ["processing", "completed"] });
        var modified = await ToListAsync(_client.IterateOrdersAsync(new WooOrderQuery
        {
            ModifiedAfter = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc), OrderBy = "modified", Order = "asc",
        }));
        var order = await _client.GetOrderAsync(processing.Items[0].Id);
        var statuses = await _client.ListOrderStatusesAsync();

        all.Count.ShouldBeGreaterThan(5);
        processing.Items.ShouldAllBe(o => o.Status == "processing" || o.Status == "completed");
        modified.Select(o => o.DateModifiedGmt).ShouldBeInOrder();
        order.LineItems.ShouldNotBeEmpty();
        order.Total.ShouldNotBeNull();
        statuses.ShouldContain(s => s.Slug == "processing");
    }

    [Fact]
    public async Task OrderWrites_WhenStatusMetaBatchAndDelete_ThenApplied()
    {
        var orders = (await _client.ListOrdersAsync(new WooOrderQuery { Status = ["pending", "on-hold", "processing"] })).Items;
        var first = orders[0];
        var second = orders[1];

        var completed = await _client.UpdateOrderStatusAsync(first.Id, "completed");
        var tagged = await _client.UpdateOrderMetaAsync(first.Id, [WooMetaData.Of("_wooportal_sale", "SO-1")]);
        var batch = await _client.BatchOrdersAsync(new WooBatch<WooOrder> { Update = [new WooOrder { Id = second.Id, Status = "cancelled" }] });
        var trashed = await _client.DeleteOrderAsync(second.Id);
        var deleted = await _client.DeleteOrderAsync(second.Id, force: true);

        completed.Status.ShouldBe("completed");
        tagged.MetaData.GetMeta("_wooportal_sale").ShouldBe("SO-1");
        batch.Updated.Single().Status.ShouldBe("cancelled");
        trashed.Id.ShouldBe(second.Id);
        deleted.Id.ShouldBe(second.Id);
        (await Should.ThrowAsync<WooApiException>(() => _client.GetOrderAsync(second.Id))).Kind.ShouldBe(WooErrorKind.NotFound);
    }

    [Fact]
    public async Task RefundsAndNotes_WhenListedAndCreated_ThenApplied()
    {
        var order = (await _client.ListOrdersAsync(new WooOrderQuery { Status = ["completed", "processing"] })).Items
            .First(o => o.Total > 20m && (o.Refunds?.Count ?? 0) == 0);
        var refund = await _client.CreateRefundAsync(order.Id, new WooRefund { Amount = 5.00m, Reason = "Contract test", ApiRefund = false }, Unique("CN"));
        var refunds = await _client.ListRefundsAsync(order.Id);
        var note = await _client.CreateOrderNoteAsync(order.Id, new WooOrderNote { Note = "Picked by the portal" });
        var notes = await _client.ListOrderNotesAsync(order.Id);

        refund.Amount.ShouldBe(5.00m);
        refunds.ShouldContain(r => r.Id == refund.Id && r.Reason == "Contract test");
        note.Id.ShouldBeGreaterThan(0);
        notes.ShouldContain(n => n.Note == "Picked by the portal");
    }

    [Fact]
    public async Task CreateRefund_WhenTheAnswerIsCutAfterTheStoreRefunded_ThenFoundByItsKeyAndRefundedOnce()
    {
        var client = store.Client(storeKey: "refund-cut");
        var order = (await client.ListOrdersAsync(new WooOrderQuery { Status = ["completed", "processing"] })).Items
            .First(o => o.Total > 20m && (o.Refunds?.Count ?? 0) == 0);
        var key = Unique("CN");
        var fault = store.Emulator.AddFault(new FaultRule
        {
            PathPattern = $"/wp-json/wc/v3/orders/{order.Id}/refunds", Method = "POST", Kind = FaultKind.TruncatedJson, Times = 1,
        });

        var refund = await client.CreateRefundAsync(order.Id, new WooRefund { Amount = 3.00m, Reason = "Cut answer", ApiRefund = false }, key);
        var refunds = await client.ListRefundsAsync(order.Id);

        refund.MetaData.GetMeta(WooClient.RefundKeyMeta).ShouldBe(key);
        refunds.Where(r => r.MetaData.GetMeta(WooClient.RefundKeyMeta) == key).Select(r => r.Id).ShouldBe([refund.Id]);
        refunds.Count(r => r.Reason == "Cut answer").ShouldBe(1, "the store must not refund the customer twice");
        fault.Fired.ShouldBe(1, "the answer was cut once");
    }

    [Fact]
    public async Task StoreConfiguration_WhenListed_ThenFixtureShapedStore()
    {
        var coupons = await ToListAsync(_client.IterateCouponsAsync());
        var coupon = await _client.GetCouponAsync(coupons[0].Id);
        var taxes = await ToListAsync(_client.IterateTaxesAsync());
        var classes = await _client.ListTaxClassesAsync();
        var gateways = await _client.ListPaymentGatewaysAsync();
        var shipping = await _client.ListShippingMethodsAsync();

        coupon.Code.ShouldBe(coupons[0].Code);
        taxes.Count.ShouldBe(10);
        taxes.ShouldAllBe(t => t.Rate >= 0m);
        taxes.ShouldContain(t => t.Rate == 20.0000m && t.Country == "GB");
        classes.ShouldContain(c => c.Slug == "standard");
        gateways.Select(g => g.Id).ShouldBe(["bacs", "cheque", "cod"], ignoreOrder: true);
        shipping.ShouldContain(m => m.Id == "flat_rate");
    }

    [Fact]
    public async Task Webhooks_WhenCreatedUpdatedDeleted_ThenApplied()
    {
        var url = $"http://127.0.0.1:9/{Unique("wh")}";
        var created = await _client.CreateWebhookAsync(new WooWebhook { Name = "WooPortal order.updated", Topic = "order.updated", DeliveryUrl = url, Secret = "s3cr3t" });
        var listed = await ToListAsync(_client.IterateWebhooksAsync());
        var paused = await _client.UpdateWebhookAsync(created.Id, new WooWebhook { Status = "paused" });
        var fetched = await _client.GetWebhookAsync(created.Id);
        var deleted = await _client.DeleteWebhookAsync(created.Id);

        created.DeliveryUrl.ShouldBe(url);
        created.Resource.ShouldBe("order");
        listed.ShouldContain(w => w.Id == created.Id);
        paused.Status.ShouldBe("paused");
        fetched.Status.ShouldBe("paused");
        deleted.Id.ShouldBe(created.Id);
        (await Should.ThrowAsync<WooApiException>(() => _client.GetWebhookAsync(created.Id))).Kind.ShouldBe(WooErrorKind.NotFound);
    }

    [Fact]
    public async Task Errors_WhenReadOnlyKeyWritesOrSecretWrong_ThenTypedKinds()
    {
        var readOnly = store.Client(key: store.ReadKey, storeKey: "read-only");
        var wrongSecret = store.Client(storeKey: "wrong").Connection with { };
        var badClient = WooTestClients.Factory().GetClient(new Portal.WooCommerce.WooStoreConnection("bad", new Uri(store.Emulator.BaseUrl), store.Key.ConsumerKey, "cs_wrong"));

        (await readOnly.GetProductAsync(12)).Id.ShouldBe(12);
        (await Should.ThrowAsync<WooApiException>(() => readOnly.UpdateProductAsync(12, new WooProduct { StockQuantity = 1 })))
            .Kind.ShouldBe(WooErrorKind.MissingPermission);
        (await Should.ThrowAsync<WooApiException>(() => badClient.GetProductAsync(12))).Kind.ShouldBe(WooErrorKind.BadCredentials);
        wrongSecret.StoreKey.ShouldBe("wrong");
    }

    [Fact]
    public async Task Https_WhenBasicOrQueryStringKeys_ThenAcceptedAndErrorsTyped()
    {
        var basic = store.Client(store.Connection(storeKey: "https-basic", https: true));
        var query = store.Client(store.Connection(storeKey: "https-query", https: true) with { ForcedAuthMode = WooAuthMode.QueryString });
        var readOnly = store.Client(store.Connection(store.ReadKey, "https-read", https: true));
        var wrong = store.Client(new WooStoreConnection("https-wrong", new Uri(store.Emulator.HttpsBaseUrl!), store.Key.ConsumerKey, "cs_wrong"));
        var unknown = store.Client(new WooStoreConnection("https-unknown", new Uri(store.Emulator.HttpsBaseUrl!), "ck_unknown", "cs_unknown"));

        (await basic.GetProductAsync(12)).Id.ShouldBe(12);
        (await query.GetProductAsync(12)).Id.ShouldBe(12);
        basic.AuthMode.ShouldBe(WooAuthMode.Basic);
        (await Should.ThrowAsync<WooApiException>(() => readOnly.UpdateProductAsync(12, new WooProduct { StockQuantity = 1 })))
            .Kind.ShouldBe(WooErrorKind.MissingPermission);
        (await Should.ThrowAsync<WooApiException>(() => wrong.GetProductAsync(12))).Kind.ShouldBe(WooErrorKind.BadCredentials);
        (await Should.ThrowAsync<WooApiException>(() => unknown.GetProductAsync(12))).Kind.ShouldBe(WooErrorKind.BadCredentials);
        unknown.AuthorizationHeaderStripped.ShouldBeFalse();
    }

    [Fact]
    public async Task Faults_WhenEmulatorInjects500sHtmlAndTruncatedJson_ThenRetriedOrTyped()
    {
        var client = store.Client(storeKey: "faults");
        var ids = (await client.ListProductsAsync(new WooProductQuery { Type = "simple" }, perPage: 3)).Items.Select(p => p.Id).ToList();
        store.Emulator.AddFault(new FaultRule { PathPattern = $"/wp-json/wc/v3/products/{ids[0]}", Kind = FaultKind.ServerError, Times = 2 });
        store.Emulator.AddFault(new FaultRule { PathPattern = $"/wp-json/wc/v3/products/{ids[1]}", Kind = FaultKind.HtmlPage, HtmlStatus = 200 });
        store.Emulator.AddFault(new FaultRule { PathPattern = $"/wp-json/wc/v3/products/{ids[2]}", Kind = FaultKind.TruncatedJson });
        var before = store.Recorder.GetCalls("faults").Count;

        var product = await client.GetProductAsync(ids[0]);
        var html = await Should.ThrowAsync<WooApiException>(() => client.GetProductAsync(ids[1]));
        var truncated = await Should.ThrowAsync<WooApiException>(() => client.GetProductAsync(ids[2]));

        product.Id.ShouldBe(ids[0]);
        store.Recorder.GetCalls("faults").Skip(before).Take(3).Select(c => c.Status).ShouldBe([500, 500, 200]);
        html.Kind.ShouldBe(WooErrorKind.NotJson);
        html.BodyExcerpt.ShouldNotBeNullOrEmpty();
        truncated.Kind.ShouldBe(WooErrorKind.NotJson);
    }

    [Fact]
    public async Task Faults_WhenEmulatorHangsOnce_ThenAttemptTimesOutAndRetrySucceeds()
    {
        var options = WooTestClients.Fast();
        options.AttemptTimeout = TimeSpan.FromMilliseconds(300);
        var client = store.Client(options, storeKey: "hang");
        var id = (await client.ListProductsAsync(perPage: 1)).Items[0].Id;
        store.Emulator.AddFault(new FaultRule { PathPattern = $"/wp-json/wc/v3/products/{id}", Kind = FaultKind.Hang, Times = 1 });

        var product = await client.GetProductAsync(id);

        product.Id.ShouldBe(id);
        store.Recorder.GetCalls("hang").Skip(1).Select(c => c.ErrorKind).ShouldBe([WooErrorKind.Timeout, null]);
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
            list.Add(item);
        return list;
    }
}

/// <summary>Reading a generated catalogue takes exactly the minimum number of requests.</summary>
public class WooCatalogReadContractTests : IAsyncLifetime
{
    private readonly WooEmulatorFixture _store = new();

    public Task InitializeAsync() => _store.InitializeAsync();

    public Task DisposeAsync() => _store.DisposeAsync();

    [Fact]
    public async Task ReadCatalog_When350ProductsWith50Variable_ThenEveryVariationInMinimumRequests()
    {
        _store.Emulator.Reset();
        _store.Emulator.GenerateProducts(new global::WooCommerce.Emulator.Seed.ProductGeneration { Simple = 300, Variable = 50, VariationsPerProduct = 4, Seed = 7 });
        var client = _store.Client(storeKey: "catalog");
        var before = _store.Emulator.Requests.Count;

        var items = new List<WooCatalogItem>();
        await foreach (var item in client.ReadCatalogAsync())
            items.Add(item);

        items.Count.ShouldBe(350);
        items.Select(i => i.Product.Id).Distinct().Count().ShouldBe(350);
        items.Count(i => i.Product.Type == "variable").ShouldBe(50);
        items.Where(i => i.Product.Type == "variable").ShouldAllBe(i => i.Variations.Count == 4 && i.Variations.All(v => v.ParentId == i.Product.Id));
        items.Where(i => i.Product.Type != "variable").ShouldAllBe(i => i.Variations.Count == 0);
        (_store.Emulator.Requests.Count - before).ShouldBe(4 + 50);
    }
}
