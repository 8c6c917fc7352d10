using System.Text.Json.Serialization;

namespace Portal.WooCommerce;

/// <summary>What to send to a <c>…/batch</c> endpoint. The client splits it into requests of at most 100 items
/// (create + update + delete together, as WooCommerce counts them).</summary>
public sealed record WooBatch<T>
{
    public IReadOnlyList<T> Create { get; init; } = [];
    public IReadOnlyList<T> Update { get; init; } = [];
    public IReadOnlyList<long> Delete { get; init; } = [];

    [JsonIgnore]
    public int Count => Create.Count + Update.Count + Delete.Count;
}

public enum WooBatchOperation
{
    Create,
    Update,
    Delete,
}

/// <summary>An item the store refused inside an otherwise successful (HTTP 200) batch.</summary>
public sealed record WooBatchItemError(WooBatchOperation Operation, long? Id, string? Code, string? Message, int? Status);

public sealed record WooBatchResult<T>
{
    public IReadOnlyList<T> Created { get; init; } = [];
    public IReadOnlyList<T> Updated { get; init; } = [];
    public IReadOnlyList<T> Deleted { get; init; } = [];
    public IReadOnlyList<WooBatchItemError> Errors { get; init; } = [];
}
