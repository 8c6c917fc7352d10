using System.Collections.Concurrent;
using System.Diagnostics;

namespace Portal.Benchmarks;

/// <summary>
/// Listens to one ActivitySource and adds up, per activity name, how often it ran, its wall time and the process's
/// CPU time while it ran (the whole process: on a loaded machine CPU time says more than wall time, and phases that
/// overlap each count the other's CPU). Printed to stderr so the scenario's JSON line stays the last on stdout.
/// </summary>
internal sealed class PhaseTimes : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentDictionary<string, (int Count, TimeSpan Wall, TimeSpan Cpu)> _totals = new();
    private readonly ConcurrentDictionary<Activity, TimeSpan> _cpuAtStart = new();
    private readonly TimeSpan _cpuAtCreation = Process.GetCurrentProcess().TotalProcessorTime;

    public PhaseTimes(string source)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStarted = a => _cpuAtStart[a] = Cpu(),
            ActivityStopped = a =>
            {
                var cpu = _cpuAtStart.TryRemove(a, out var start) ? Cpu() - start : TimeSpan.Zero;
                _totals.AddOrUpdate(a.OperationName, (1, a.Duration, cpu), (_, t) => (t.Count + 1, t.Wall + a.Duration, t.Cpu + cpu));
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public async Task ReportAsync(TextWriter writer, TimeSpan elapsed)
    {
        foreach (var (name, (count, wall, cpu)) in _totals.OrderBy(t => t.Key))
        {
            await writer.WriteLineAsync($"phase {name,-8} x{count,-4} wall {wall.TotalSeconds,7:F2} s  cpu {cpu.TotalSeconds,7:F2} s");
        }

        await writer.WriteLineAsync($"phase {"total",-8} {"",-5} wall {elapsed.TotalSeconds,7:F2} s  cpu {(Cpu() - _cpuAtCreation).TotalSeconds,7:F2} s");
    }

    public void Dispose() => _listener.Dispose();

    private static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;
}
