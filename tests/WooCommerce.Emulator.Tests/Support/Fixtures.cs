using System.Text.Json.Nodes;

namespace WooCommerce.Emulator.Tests.Support;

/// <summary>The captured WooCommerce fixtures, found as <c>shared/woo-fixtures</c> beside the repository root.</summary>
public static class Fixtures
{
    private static readonly Lazy<string> Folder = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "woo-fixtures");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException($"shared/woo-fixtures not found above {AppContext.BaseDirectory}");
    });

    public static string Root => Folder.Value;

    public static JsonNode? Load(string relative) => JsonNode.Parse(File.ReadAllText(Path.Combine(Root, relative)));

    /// <summary>Names of all REST captures (each has a body and a .meta.json), discovered at run time.</summary>
    public static IEnumerable<string> RestCaptureNames() => Directory.GetFiles(Root, "*.meta.json")
        .Select(f => Path.GetFileName(f)[..^".meta.json".Length])
        .Where(n => File.Exists(Path.Combine(Root, n + ".json")))
        .Order(StringComparer.Ordinal);
}
