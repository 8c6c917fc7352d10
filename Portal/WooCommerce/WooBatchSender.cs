namespace Portal.WooCommerce;

/// <summary>What the store answered for one item sent in a batch: the object it saved (<see cref="Answer"/>), its
/// refusal (<see cref="Error"/>), or neither when the answer left the item out.</summary>
public sealed record WooBatchItemAnswer<T>(T Sent, T? Answer, WooBatchItemError? Error) where T : class
{
    /// <summary>Not in the answer at all: the store did not confirm it, so it must not be taken as done.</summary>
    public bool Unanswered => Answer is null && Error is null;
}

/// <summary>A deletion sent in a batch and what the store answered for it.</summary>
public sealed record WooBatchDeleteAnswer<T>(long Id, T? Answer, WooBatchItemError? Error) where T : class
{
    public bool Unanswered => Answer is null && Error is null;
}

/// <summary>Every item of a batch with the store's answer for it, in the order the items were sent.</summary>
public sealed record WooBatchAnswers<T> where T : class
{
    public IReadOnlyList<WooBatchItemAnswer<T>> Created { get; init; } = [];
    public IReadOnlyList<WooBatchItemAnswer<T>> Updated { get; init; } = [];
    public IReadOnlyList<WooBatchDeleteAnswer<T>> Deleted { get; init; } = [];
}

/// <summary>
/// Sends <c>products/batch</c> and <c>products/{id}/variations/batch</c> (in requests of 100 items, see
/// <see cref="WooClient.BatchProductsAsync"/>) and pairs every item sent with what the store answered for it, so
/// listing and stock push check each item the same way. An answer carries no position, so a created item is found
/// by its key (the SKU, or a parent's name), an updated or deleted one by its id; a created item with no answer of
/// its own takes the next create refusal, in the order WooCommerce reports them.
/// </summary>
public static class WooBatchSender
{
    /// <param name="createKey">What identifies a created product in the answer (its SKU, or a parent's name); applied
    /// to the product sent and to the store's answer alike.</param>
    public static async Task<WooBatchAnswers<WooProduct>> SendProductsAsync(this WooClient client, WooBatch<WooProduct> batch,
        Func<WooProduct, string?> createKey, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var result = await client.BatchProductsAsync(batch, ct);
        return Pair(batch, result, p => p.Id, createKey);
    }

    /// <summary>Created variations are found by SKU.</summary>
    public static async Task<WooBatchAnswers<WooVariation>> SendVariationsAsync(this WooClient client, long parentId,
        WooBatch<WooVariation> batch, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var result = await client.BatchVariationsAsync(parentId, batch, ct);
        return Pair(batch, result, v => v.Id, v => v.Sku);
    }

    internal static WooBatchAnswers<T> Pair<T>(WooBatch<T> batch, WooBatchResult<T> result, Func<T, long> id, Func<T, string?> createKey)
        where T : class
    {
        var createdByKey = result.Created
            .Select(answer => (Key: createKey(answer), Answer: answer))
            .Where(x => !string.IsNullOrEmpty(x.Key))
            .GroupBy(x => x.Key!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().Answer, StringComparer.OrdinalIgnoreCase);
        var createErrors = new Queue<WooBatchItemError>(result.Errors.Where(e => e.Operation == WooBatchOperation.Create));
        var created = new List<WooBatchItemAnswer<T>>();
        foreach (var sent in batch.Create)
        {
            var key = createKey(sent);
            if (!string.IsNullOrEmpty(key) && createdByKey.Remove(key, out var answer))
            {
                created.Add(new WooBatchItemAnswer<T>(sent, answer, null));
            }
            else
            {
                created.Add(new WooBatchItemAnswer<T>(sent, null, createErrors.TryDequeue(out var error) ? error : null));
            }
        }

        var updatedById = ById(result.Updated, id);
        var updateErrors = ErrorsById(result.Errors, WooBatchOperation.Update);
        var updated = batch.Update
            .Select(sent => updateErrors.TryGetValue(id(sent), out var error)
                ? new WooBatchItemAnswer<T>(sent, null, error)
                : new WooBatchItemAnswer<T>(sent, updatedById.GetValueOrDefault(id(sent)), null))
            .ToList();

        var deletedById = ById(result.Deleted, id);
        var deleteErrors = ErrorsById(result.Errors, WooBatchOperation.Delete);
        var deleted = batch.Delete
            .Select(sent => deleteErrors.TryGetValue(sent, out var error)
                ? new WooBatchDeleteAnswer<T>(sent, null, error)
                : new WooBatchDeleteAnswer<T>(sent, deletedById.GetValueOrDefault(sent), null))
            .ToList();

        return new WooBatchAnswers<T> { Created = created, Updated = updated, Deleted = deleted };
    }

    private static Dictionary<long, T> ById<T>(IEnumerable<T> answers, Func<T, long> id) =>
        answers.GroupBy(id).ToDictionary(g => g.Key, g => g.First());

    private static Dictionary<long, WooBatchItemError> ErrorsById(IEnumerable<WooBatchItemError> errors, WooBatchOperation operation) =>
        errors.Where(e => e.Operation == operation && e.Id is not null)
            .GroupBy(e => e.Id!.Value)
            .ToDictionary(g => g.Key, g => g.First());
}
