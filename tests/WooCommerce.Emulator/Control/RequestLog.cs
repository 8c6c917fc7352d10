using System.Collections.Concurrent;

namespace WooCommerce.Emulator.Control;

public sealed record LoggedRequest(string Method, string Path, string Query, int Status, DateTimeOffset At, double DurationMs);

/// <summary>Every request the store received (control endpoints excluded); tests and benchmarks count from it.</summary>
public sealed class RequestLog
{
    private readonly ConcurrentQueue<LoggedRequest> _entries = new();

    public IReadOnlyList<LoggedRequest> Entries => [.. _entries];

    public int Count => _entries.Count;

    public void Add(LoggedRequest entry) => _entries.Enqueue(entry);

    public void Clear() => _entries.Clear();
}
