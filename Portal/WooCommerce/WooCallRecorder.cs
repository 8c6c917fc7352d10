using System.Collections.Concurrent;

namespace Portal.WooCommerce;

/// <summary>One HTTP attempt to a store. <see cref="Path"/> carries no credentials; <see cref="Status"/> is null
/// when no answer came back (timeout, transport failure).</summary>
public sealed record WooCall(
    string StoreKey,
    string Method,
    string Path,
    int? Status,
    TimeSpan Duration,
    int Attempt,
    WooErrorKind? ErrorKind,
    DateTimeOffset Timestamp);

/// <summary>Receives every attempt the client makes, retries included, for the store's activity log.</summary>
public interface IWooCallRecorder
{
    void Record(WooCall call);
}

/// <summary>Keeps the last calls of each store in memory until the activity log persists them.</summary>
public sealed class InMemoryWooCallRecorder(int capacityPerStore = 500) : IWooCallRecorder
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<WooCall>> _calls = new();

    public void Record(WooCall call)
    {
        var queue = _calls.GetOrAdd(call.StoreKey, _ => new ConcurrentQueue<WooCall>());
        queue.Enqueue(call);
        while (queue.Count > capacityPerStore)
            queue.TryDequeue(out _);
    }

    public IReadOnlyList<WooCall> GetCalls(string storeKey) =>
        _calls.TryGetValue(storeKey, out var queue) ? [.. queue] : [];
}
