using System.Globalization;

namespace Portal.Features.Integrations;

/// <summary>
/// An activity-log entry in words ("Read tax rates", "Created webhook order.created") from its method, path and
/// subject; the raw path stays available beside it for support.
/// </summary>
public static class StoreCallDescription
{
    private const string ApiRoot = "wc/v3/";

    // Whole paths that read one document of the store.
    private static readonly Dictionary<string, string> Documents = new(StringComparer.Ordinal)
    {
        [""] = "Read the store's API index",
        ["system_status"] = "Read the store's system status",
        ["settings/general"] = "Read the store's general settings",
        ["data/currencies/current"] = "Read the store's currency",
    };

    // Collection → (one, many); "{0}" is the parent's id where the collection hangs below one.
    private static readonly Dictionary<string, (string One, string Many)> Names = new(StringComparer.Ordinal)
    {
        ["products"] = ("product", "products"),
        ["products/*/variations"] = ("variation of product {0}", "variations of product {0}"),
        ["products/categories"] = ("product category", "product categories"),
        ["products/tags"] = ("product tag", "product tags"),
        ["products/attributes"] = ("product attribute", "product attributes"),
        ["products/attributes/*/terms"] = ("term of attribute {0}", "terms of attribute {0}"),
        ["orders"] = ("order", "orders"),
        ["orders/*/refunds"] = ("refund of order {0}", "refunds of order {0}"),
        ["orders/*/notes"] = ("note on order {0}", "notes on order {0}"),
        ["customers"] = ("customer", "customers"),
        ["coupons"] = ("coupon", "coupons"),
        ["taxes"] = ("tax rate", "tax rates"),
        ["taxes/classes"] = ("tax class", "tax classes"),
        ["payment_gateways"] = ("payment gateway", "payment gateways"),
        ["shipping_methods"] = ("shipping method", "shipping methods"),
        ["webhooks"] = ("webhook", "webhooks"),
        ["reports/orders/totals"] = ("order totals report", "order totals report"),
    };

    public static string Describe(string method, string path, string? subject = null)
    {
        var (route, page) = Route(path);
        if (route is null)
        {
            return $"{Verb(method)} {path}";
        }

        if (method == "GET" && Documents.TryGetValue(route, out var document))
        {
            return document;
        }

        var segments = route.Split('/', StringSplitOptions.RemoveEmptyEntries).ToList();
        var batch = segments.Count > 0 && segments[^1] == "batch";
        if (batch)
        {
            segments.RemoveAt(segments.Count - 1);
        }

        string? id = null;
        if (segments.Count > 1 && IsId(segments[^1]))
        {
            id = segments[^1];
            segments.RemoveAt(segments.Count - 1);
        }

        // A parent's id inside the path ("products/12/variations") becomes "*" for the lookup and {0} in the name.
        var parent = segments.FirstOrDefault(IsId);
        var key = string.Join('/', segments.Select(s => IsId(s) ? "*" : s));
        if (!Names.TryGetValue(key, out var name))
        {
            return $"{Verb(method)} {route}";
        }

        string Named(string text) => string.Format(CultureInfo.InvariantCulture, text, parent);
        var about = string.IsNullOrWhiteSpace(subject) ? "" : " " + subject.Trim();
        if (batch)
        {
            return $"Changed {Named(name.Many)} in one batch";
        }

        return (method, id) switch
        {
            ("GET", null) => $"Read {Named(name.Many)}{(page > 1 ? $", page {page}" : "")}",
            ("GET", _) => $"Read {Named(name.One)} {id}",
            ("POST", null) => $"Created {Named(name.One)}{about}",
            ("POST" or "PUT" or "PATCH", _) => $"Updated {Named(name.One)} {id}{about}",
            ("DELETE", _) => $"Deleted {Named(name.One)} {id}{about}",
            _ => $"{Verb(method)} {route}",
        };
    }

    private static string Verb(string method) => method switch
    {
        "GET" => "Read",
        "POST" => "Sent",
        "PUT" or "PATCH" => "Updated",
        "DELETE" => "Deleted",
        _ => method,
    };

    private static bool IsId(string segment) => segment.Length > 0 && segment.All(char.IsAsciiDigit);

    /// <summary>The part after <c>wc/v3/</c> (pretty permalinks or <c>?rest_route=</c>) and the page asked for.</summary>
    private static (string? Route, int Page) Route(string path)
    {
        var question = path.IndexOf('?', StringComparison.Ordinal);
        var (basePath, query) = question < 0 ? (path, "") : (path[..question], path[(question + 1)..]);
        var parameters = query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => p.Length > 1 ? Uri.UnescapeDataString(p[1]) : "", StringComparer.Ordinal);
        var page = parameters.TryGetValue("page", out var text) && int.TryParse(text, CultureInfo.InvariantCulture, out var number) ? number : 1;
        var full = parameters.TryGetValue("rest_route", out var restRoute) ? restRoute : basePath;
        var at = full.IndexOf(ApiRoot, StringComparison.Ordinal);
        if (at >= 0)
        {
            return (full[(at + ApiRoot.Length)..].Trim('/'), page);
        }

        // The site's API index: /wp-json/ or ?rest_route=/
        return full.TrimEnd('/').EndsWith("/wp-json", StringComparison.Ordinal) || full.Trim('/').Length == 0 && restRoute is not null
            ? ("", page)
            : (null, page);
    }
}
