using System.Text.Json;

namespace Portal.Tests.WooCommerce;

/// <summary>The responses captured from a real WooCommerce store, in <c>../shared/woo-fixtures</c> next to the
/// repository (CI clones the repository elsewhere with <c>shared/</c> beside it).</summary>
internal static class WooFixtures
{
    public const string WebhookSecret = "harness-webhook-secret-1";

    private static readonly Lazy<string> Root = new(Locate);

    public static string Directory => Root.Value;

    public static string Path(string name) => System.IO.Path.Combine(Directory, name);

    public static string Read(string name) => File.ReadAllText(Path(name));

    /// <summary>Names (without .json) of every REST capture: a body with its .meta.json.</summary>
    public static IEnumerable<string> RestCaptures() =>
        System.IO.Directory.EnumerateFiles(Directory, "*.meta.json")
            .Select(f => System.IO.Path.GetFileName(f)[..^".meta.json".Length])
            .Where(n => File.Exists(Path(n + ".json")))
            .OrderBy(n => n, StringComparer.Ordinal);

    public static (string Method, Uri Url, int Status) Meta(string name)
    {
        using var meta = JsonDocument.Parse(Read(name + ".meta.json"));
        var request = meta.RootElement.GetProperty("request");
        return (request.GetProperty("method").GetString()!,
            new Uri(request.GetProperty("url").GetString()!.Replace("<redacted>", "x", StringComparison.Ordinal)),
            meta.RootElement.GetProperty("response").GetProperty("status").GetInt32());
    }

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(System.IO.Path.Combine(dir.FullName, "WooPortal.sln")))
                continue;
            var fixtures = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", "woo-fixtures"));
            if (System.IO.Directory.Exists(fixtures))
                return fixtures;
            throw new DirectoryNotFoundException($"WooCommerce fixtures not found at {fixtures}");
        }
        throw new DirectoryNotFoundException("Repository root (WooPortal.sln) not found above " + AppContext.BaseDirectory);
    }
}
