namespace WooCommerce.Emulator;

// An explicit entry point in a namespace: a top-level program in a web project gets a public global `Program`,
// which would clash with the portal's in test projects that reference both.
public static class EmulatorProgram
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var app = builder.Build();
        app.MapGet("/", () => "WooCommerce emulator");
        app.Run();
    }
}
