namespace Portal.Features.Orders;

/// <summary>
/// "An order delivery was stored": wakes the inbox drain at once instead of at its next safety-net run. Signals
/// coalesce (a burst of deliveries wakes it once more at most); losing one costs only the wait for the timer, since
/// the inbox itself is the durable record.
/// </summary>
public sealed class OrderInboxSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    /// <summary>Waits for a signal or <paramref name="timeout"/> on <paramref name="clock"/>, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken ct)
    {
        using var timer = new CancellationTokenSource(timeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timer.Token);
        try
        {
            await _signal.WaitAsync(linked.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The safety-net interval passed.
        }
    }
}
