namespace Portal.Hosting;

/// <summary>Requests that serve the page's machinery (Blazor's scripts and circuit, packaged and static files), which
/// the redirecting middlewares (first-run setup, temporary password) must let through.</summary>
public static class FrameworkPaths
{
    public static bool IsFramework(PathString path) =>
        path.StartsWithSegments("/_framework")
        || path.StartsWithSegments("/_content")
        || path.StartsWithSegments("/_blazor")
        || Path.HasExtension(path.Value);
}
