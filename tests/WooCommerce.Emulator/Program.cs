var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/", () => "WooCommerce emulator");
app.Run();

public partial class Program;
