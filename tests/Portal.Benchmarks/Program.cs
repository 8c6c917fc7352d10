using System.Text.Json;
using Portal.Benchmarks;

// dotnet run -c Release --project tests/Portal.Benchmarks -- <scenario> | list
// Each scenario prints one JSON object as its last line: {"scenario": "...", ...numbers}.
var scenarios = Scenarios.All.ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);
var name = args.FirstOrDefault() ?? "list";
if (name == "list")
{
    foreach (var scenario in Scenarios.All)
    {
        Console.WriteLine($"{scenario.Name,-16} {scenario.Description}");
    }

    return 0;
}

if (!scenarios.TryGetValue(name, out var chosen))
{
    await Console.Error.WriteLineAsync($"Unknown scenario '{name}'. Run with 'list' to see them.");
    return 2;
}

var numbers = await chosen.RunAsync(args.Skip(1).ToArray());
var result = new Dictionary<string, object> { ["scenario"] = chosen.Name };
foreach (var (key, value) in numbers)
{
    result[key] = value;
}

Console.WriteLine(JsonSerializer.Serialize(result));
return 0;
