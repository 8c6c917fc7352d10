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
    DateTimeOffset Timestamp,
    string? Subject = null);

/// <summary>
/// What a call is about where its path does not say (a webhook's topic), for the activity log. Set inside the async
/// client method that makes the call: the value flows down to its attempts and never back up to the caller.
/// </summary>
public static class WooCallSubject
{
    private static readonly AsyncLocal<string?> Value = new();

    public static string? Current
    {
        get => Value.Value;
        internal set => Value.Value = value;
    }
}

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
