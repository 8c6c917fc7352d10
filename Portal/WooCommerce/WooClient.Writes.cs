using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Portal.WooCommerce;

public sealed partial class WooClient
{
    /// <summary>Meta key the portal puts on refunds it creates, so a refund whose answer was lost can be found.</summary>
    public const string RefundKeyMeta = "_wooportal_refund_key";

    /// <summary>POSTs a create that the store must not receive twice. After an ambiguous failure (timeout, 5xx
    /// without a WooCommerce error) it looks the object up and sends the create again only if it is absent.</summary>
    internal async Task<T> CreateOnceAsync<T>(string path, T body, Func<CancellationToken, Task<T?>>? lookUp,
        CancellationToken ct) where T : class
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SendJsonAsync<T>(HttpMethod.Post, path, body, ct, nonIdempotent: true);
            }
            catch (WooApiException exception) when (lookUp is not null && ShouldLookUp(exception, attempt))
            {
                _logger.LogWarning("WooCommerce {Store}: create on {Path} may have been applied ({Kind}); looking it up before trying again",
                    Connection.StoreKey, exception.Path, exception.Kind);
                if (await lookUp(ct) is { } existing)
                    return existing;
                if (!exception.IsAmbiguous)
                    throw;
                await Task.Delay(_options.RetryBaseDelay * attempt, _time, ct);
            }
        }
    }

    // An ambiguous failure: it may exist. A duplicate-SKU refusal after one: the first create has landed since.
    private bool ShouldLookUp(WooApiException exception, int attempt) =>
        (exception.IsAmbiguous && attempt <= _options.MaxRetryAttempts)
        || (attempt > 1 && exception.WooCode == "product_invalid_sku");

    /// <summary>Sends a batch in requests of at most 100 items (create + update + delete together) and merges
    /// the answers. Items the store refuses come back in <see cref="WooBatchResult{T}.Errors"/>.</summary>
    internal async Task<WooBatchResult<T>> BatchAsync<T>(string path, WooBatch<T> batch, Action<T, WooBatchOperation> validate,
        CancellationToken ct)
    {
        foreach (var item in batch.Create) validate(item, WooBatchOperation.Create);
        foreach (var item in batch.Update) validate(item, WooBatchOperation.Update);
        foreach (var id in batch.Delete)
            if (id <= 0) throw WooValidation.Invalid(Connection, path, "delete ids must be positive");

        var created = new List<T>();
        var updated = new List<T>();
        var deleted = new List<T>();
        var errors = new List<WooBatchItemError>();
        foreach (var chunk in Chunk(batch))
        {
            var body = new Dictionary<string, object>();
            if (chunk.Create.Count > 0) body["create"] = chunk.Create;
            if (chunk.Update.Count > 0) body["update"] = chunk.Update;
            if (chunk.Delete.Count > 0) body["delete"] = chunk.Delete;
            // Creates inside a batch cannot be looked up cheaply; such a chunk is not sent twice by the pipeline.
            var answer = await SendJsonAsync<Dictionary<string, JsonElement>>(HttpMethod.Post, path + "/batch", body, ct,
                nonIdempotent: chunk.Create.Count > 0);
            var result = ParseBatchAnswer<T>(answer);
            created.AddRange(result.Created);
            updated.AddRange(result.Updated);
            deleted.AddRange(result.Deleted);
            errors.AddRange(result.Errors);
        }
        return new WooBatchResult<T> { Created = created, Updated = updated, Deleted = deleted, Errors = errors };
    }

    /// <summary>A batch answer is HTTP 200 even when items fail: those come back as <c>{id, error}</c>.</summary>
    internal static WooBatchResult<T> ParseBatchAnswer<T>(IReadOnlyDictionary<string, JsonElement> answer)
    {
        var created = new List<T>();
        var updated = new List<T>();
        var deleted = new List<T>();
        var errors = new List<WooBatchItemError>();
        Collect(answer, "create", WooBatchOperation.Create, created, errors);
        Collect(answer, "update", WooBatchOperation.Update, updated, errors);
        Collect(answer, "delete", WooBatchOperation.Delete, deleted, errors);
        return new WooBatchResult<T> { Created = created, Updated = updated, Deleted = deleted, Errors = errors };
    }

    internal static IEnumerable<WooBatch<T>> Chunk<T>(WooBatch<T> batch)
    {
        var items = batch.Create.Select(i => (Op: WooBatchOperation.Create, Item: i, Id: 0L))
            .Concat(batch.Update.Select(i => (Op: WooBatchOperation.Update, Item: i, Id: 0L)))
            .Concat(batch.Delete.Select(id => (Op: WooBatchOperation.Delete, Item: default(T)!, Id: id)));
        foreach (var chunk in items.Chunk(BatchLimit))
        {
            yield return new WooBatch<T>
            {
                Create = [.. chunk.Where(c => c.Op == WooBatchOperation.Create).Select(c => c.Item)],
                Update = [.. chunk.Where(c => c.Op == WooBatchOperation.Update).Select(c => c.Item)],
                Delete = [.. chunk.Where(c => c.Op == WooBatchOperation.Delete).Select(c => c.Id)],
            };
        }
    }

    private static void Collect<T>(IReadOnlyDictionary<string, JsonElement> answer, string key, WooBatchOperation operation,
        List<T> results, List<WooBatchItemError> errors)
    {
        if (!answer.TryGetValue(key, out var items) || items.ValueKind != JsonValueKind.Array)
            return;
        foreach (var item in items.EnumerateArray())
        {
            if (item.TryGetProperty("error", out var errorElement) && errorElement.ValueKind == JsonValueKind.Object)
            {
                var error = errorElement.Deserialize<WooErrorBody>(WooJson.Options);
                long? id = item.TryGetProperty("id", out var idElement) && idElement.TryGetInt64(out var v) ? v : null;
                errors.Add(new WooBatchItemError(operation, id, error?.Code, error?.Message, error?.Status));
            }
            else
            {
                results.Add(item.Deserialize<T>(WooJson.Options)!);
            }
        }
    }
}

/// <summary>Checks made before sending, for mistakes the store would not report: in a batch a non-integer
/// <c>stock_quantity</c> is silently stored as 0, and an update without an id does nothing useful.</summary>
internal static class WooValidation
{
    public static WooApiException Invalid(WooStoreConnection connection, string path, string reason) =>
        new(WooErrorKind.Validation, $"Not sent to store '{connection.StoreKey}' ({path}): {reason}.",
            connection.StoreKey, "POST", "/wp-json/wc/v3/" + path, wooCode: "wooportal_invalid_request");

    public static void Product(WooStoreConnection connection, WooProduct product, WooBatchOperation operation)
    {
        const string path = "products";
        if (operation == WooBatchOperation.Update && product.Id <= 0)
            throw Invalid(connection, path, "an update needs the product id");
        if (operation == WooBatchOperation.Create && product.Id != 0)
            throw Invalid(connection, path, "a create must not carry an id");
        if (operation == WooBatchOperation.Create && string.IsNullOrWhiteSpace(product.Name))
            throw Invalid(connection, path, "a new product needs a name");
        Stock(connection, path, product.Sku, product.ManageStock, product.StockQuantity);
        Money(connection, path, product.RegularPrice, product.SalePrice);
    }

    public static void Variation(WooStoreConnection connection, long parentId, WooVariation variation, WooBatchOperation operation)
    {
        var path = $"products/{parentId}/variations";
        if (parentId <= 0)
            throw Invalid(connection, path, "a variation needs its parent product id");
        if (operation == WooBatchOperation.Update && variation.Id <= 0)
            throw Invalid(connection, path, "an update needs the variation id");
        if (operation == WooBatchOperation.Create && variation.Id != 0)
            throw Invalid(connection, path, "a create must not carry an id");
        if (variation.ParentId is { } parent && parent != parentId)
            throw Invalid(connection, path, $"variation {variation.Id} belongs to product {parent}");
        Stock(connection, path, variation.Sku, variation.ManageStock is null ? null : variation.ManageStock == WooStockManagement.On,
            variation.StockQuantity);
        Money(connection, path, variation.RegularPrice, variation.SalePrice);
    }

    private static void Stock(WooStoreConnection connection, string path, string? sku, bool? manageStock, int? quantity)
    {
        if (quantity is not null && manageStock == false)
            throw Invalid(connection, path, "stock_quantity is ignored unless manage_stock is on");
        if (sku is not null && sku.Length > 0 && string.IsNullOrWhiteSpace(sku))
            throw Invalid(connection, path, "a SKU cannot be blank");
    }

    private static void Money(WooStoreConnection connection, string path, params decimal?[] amounts)
    {
        if (amounts.Any(a => a < 0))
            throw Invalid(connection, path, "prices cannot be negative");
    }
}
