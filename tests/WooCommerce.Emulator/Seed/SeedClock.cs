namespace WooCommerce.Emulator.Seed;

/// <summary>Lets seeding stamp objects with chosen instants while reusing the same code paths as the REST API.</summary>
internal sealed class SeedClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}
