using WooCommerce.Emulator;
using WooCommerce.Emulator.Model;
using WooCommerce.Emulator.Seed;

// Run alone: dotnet run --project tests/WooCommerce.Emulator -- --urls http://127.0.0.1:5090 [--seed] [--key ck_x:cs_y]
var builder = WebApplication.CreateSlimBuilder(args);
var options = new EmulatorOptions { AllowHttpAuthCallback = builder.Configuration.GetValue("AllowHttpAuthCallback", false) };
var store = new Store();
EmulatorApp.AddServices(builder.Services, options, store, TimeProvider.System);
var app = builder.Build();
EmulatorApp.Configure(app);
if (args.Contains("--seed") || builder.Configuration.GetValue("Seed", false)) FixtureStoreSeed.Apply(store);
var key = store.CreateKey(KeyPermission.ReadWrite, "printed at start-up");
app.Lifetime.ApplicationStarted.Register(() =>
    Console.WriteLine($"WooCommerce emulator ready. Key: {key.ConsumerKey} / {key.ConsumerSecret} (read_write). Control: /__emulator/"));
app.Run();

public partial class Program;
