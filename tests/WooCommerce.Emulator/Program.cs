using WooCommerce.Emulator.Model;
using WooCommerce.Emulator.Seed;

namespace WooCommerce.Emulator;

// An explicit entry point in a namespace: a top-level program in a web project gets a public global `Program`,
// which would clash with the portal's in test projects that reference both.
public sealed class EmulatorProgram
{
    private EmulatorProgram()
    {
    }

    // Run alone: dotnet run --project tests/WooCommerce.Emulator -- --urls http://127.0.0.1:5090 [--seed | --fresh]
    public static void Main(string[] args)
    {
        // "--seed" is a switch without a value; the configuration parser would take the next argument as its value.
        var seed = args.Contains("--seed");
        var fresh = args.Contains("--fresh");
        args = [.. args.Where(a => a is not ("--seed" or "--fresh"))];
        // The full builder (not the slim one) so that Kestrel endpoints and certificates can come from configuration.
        var builder = WebApplication.CreateBuilder(args);
        var options = new EmulatorOptions { AllowHttpAuthCallback = builder.Configuration.GetValue("AllowHttpAuthCallback", false) };
        var store = new Store();
        EmulatorApp.AddServices(builder.Services, options, store, TimeProvider.System);
        var app = builder.Build();
        EmulatorApp.Configure(app);
        if (seed || builder.Configuration.GetValue("Seed", false))
        {
            FixtureStoreSeed.Apply(store);
        }
        else if (fresh || builder.Configuration.GetValue("Fresh", false))
        {
            NewStore.Apply(store);
        }

        var key = store.CreateKey(KeyPermission.ReadWrite, "printed at start-up");
        app.Lifetime.ApplicationStarted.Register(() =>
            Console.WriteLine($"WooCommerce emulator ready. Key: {key.ConsumerKey} / {key.ConsumerSecret} (read_write). Control: /__emulator/"));
        app.Run();
    }
}
