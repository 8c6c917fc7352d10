namespace Portal.Domain.Integrations;

/// <summary>
/// How long a call to a store waits after failing: the first wait, doubled for each further failure in a row, never
/// more than the cap, and never less than the store asked for (Retry-After). One rule for every outbox that talks to a
/// store, so a merchant sees the same rhythm of retries everywhere.
/// </summary>
public static class RetryWait
{
    public static TimeSpan After(int failuresInARow, TimeSpan firstWait, TimeSpan maxWait, TimeSpan? storeAsked = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failuresInARow, 1);
        var doublings = Math.Min(failuresInARow - 1, 20);
        var doubled = firstWait.Ticks > maxWait.Ticks >> doublings ? maxWait : TimeSpan.FromTicks(firstWait.Ticks << doublings);
        var wait = doubled > maxWait ? maxWait : doubled;
        return storeAsked is { } asked && asked > wait ? asked : wait;
    }
}
