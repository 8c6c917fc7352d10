namespace WooCommerce.Emulator.Tests.Support;

/// <summary>Base for test classes that start every test from the fixture-shaped store.</summary>
public abstract class SeededStoreTests(EmulatorFixture fx) : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    protected EmulatorFixture Fx { get; } = fx;

    public virtual Task InitializeAsync()
    {
        Fx.Emulator.SeedFixtureStore();
        return Task.CompletedTask;
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;
}
