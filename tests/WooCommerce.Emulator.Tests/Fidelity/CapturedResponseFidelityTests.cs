using System.Text.Json.Nodes;
using WooCommerce.Emulator.Tests.Support;

namespace WooCommerce.Emulator.Tests.Fidelity;

/// <summary>One case per REST capture in shared/woo-fixtures, found at run time: a new capture is a new case.</summary>
public sealed class CapturedResponseFidelityTests(EmulatorFixture fx) : IClassFixture<EmulatorFixture>
{
    private static readonly string[] CheckedHeaders = ["X-WP-Total", "X-WP-TotalPages", "Link", "Allow"];

    public static TheoryData<string> Captures() => [.. Fixtures.RestCaptureNames()];

    [Theory]
    [MemberData(nameof(Captures))]
    public async Task Replay_WhenSentToSeededEmulator_ThenStatusHeadersAndShapeMatchTheCapture(string capture)
    {
        var replay = new CaptureReplay(capture);
        fx.Emulator.SeedFixtureStore();
        replay.RestorePreconditions(fx.Emulator.Store);

        using var request = replay.Build(fx);
        using var response = await fx.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        ((int)response.StatusCode).ShouldBe(replay.Status, $"{capture}: {text[..Math.Min(text.Length, 400)]}");
        foreach (var header in CheckedHeaders.Where(h => replay.ResponseHeaderNames.Contains(h, StringComparer.OrdinalIgnoreCase)))
            (response.Headers.NonValidated.Contains(header) || response.Content.Headers.NonValidated.Contains(header)).ShouldBeTrue($"{capture}: header {header} missing");
        var actual = replay.TrimAsCaptured(JsonNode.Parse(text));
        if (replay.Expected is JsonArray { Count: > 0 })
            actual.ShouldBeOfType<JsonArray>().ShouldNotBeEmpty($"{capture}: the capture lists objects, the emulator none");
        var differences = JsonShape.Differences(replay.Expected, actual);
        differences.ShouldBeEmpty($"{capture}:\n" + string.Join("\n", differences.Take(40)));
    }
}
