using System.Text.RegularExpressions;

namespace WooCommerce.Emulator.Control;

public enum FaultKind
{
    /// <summary>Delay the request by <see cref="FaultRule.LatencyMs"/>, then answer normally.</summary>
    Latency,
    /// <summary>Answer 500 with WordPress's critical-error body.</summary>
    ServerError,
    /// <summary>Answer 429 with a Retry-After header.</summary>
    TooManyRequests,
    /// <summary>Never answer (until the client gives up or the emulator stops).</summary>
    Hang,
    /// <summary>Answer normally but cut the JSON body in half.</summary>
    TruncatedJson,
    /// <summary>Answer with an HTML page (a firewall or maintenance page) instead of JSON.</summary>
    HtmlPage,
    /// <summary>Drop the Authorization header before WooCommerce sees it, as some Apache/CGI set-ups do.</summary>
    StripAuthorization,
}

public sealed class FaultRule
{
    public int Id { get; set; }
    /// <summary>Glob over the request path (<c>*</c> any characters), e.g. <c>/wp-json/wc/v3/products*</c>.</summary>
    public string PathPattern { get; set; } = "*";
    /// <summary>Only this HTTP method, or any when null.</summary>
    public string? Method { get; set; }
    public FaultKind Kind { get; set; }
    /// <summary>Share of matching requests that get the fault (0..1), decided by a seeded generator so runs repeat.</summary>
    public double Probability { get; set; } = 1;
    /// <summary>How many times the fault fires before it retires itself; null for ever.</summary>
    public int? Times { get; set; }
    public int LatencyMs { get; set; }
    public int RetryAfterSeconds { get; set; } = 1;
    /// <summary>Status for <see cref="FaultKind.HtmlPage"/> (a firewall page may come with 200 or 403).</summary>
    public int HtmlStatus { get; set; } = 200;
    public int Seed { get; set; } = 42;
    public int Fired { get; set; }

    internal Random? Random { get; set; }

    internal bool Matches(HttpRequest request) =>
        (Method is null || string.Equals(Method, request.Method, StringComparison.OrdinalIgnoreCase))
        && Regex.IsMatch(request.Path.Value ?? "", "^" + Regex.Escape(PathPattern).Replace("\\*", ".*", StringComparison.Ordinal) + "$", RegexOptions.IgnoreCase);
}

public sealed class FaultInjector
{
    private readonly Lock _sync = new();
    private readonly List<FaultRule> _rules = [];
    private int _nextId = 1;

    public IReadOnlyList<FaultRule> Rules { get { lock (_sync) return [.. _rules]; } }

    public FaultRule Add(FaultRule rule)
    {
        lock (_sync)
        {
            rule.Id = _nextId++;
            rule.Random = new Random(rule.Seed);
            _rules.Add(rule);
            return rule;
        }
    }

    public void Clear() { lock (_sync) _rules.Clear(); }

    public bool Remove(int id) { lock (_sync) return _rules.RemoveAll(r => r.Id == id) > 0; }

    /// <summary>Faults that apply to this request, in the order they were added.</summary>
    public List<FaultRule> Pick(HttpRequest request)
    {
        lock (_sync)
        {
            var picked = new List<FaultRule>();
            foreach (var rule in _rules.Where(r => r.Matches(request)).ToList())
            {
                if (rule.Times is int t && rule.Fired >= t) continue;
                if (rule.Probability < 1 && rule.Random!.NextDouble() >= rule.Probability) continue;
                rule.Fired++;
                picked.Add(rule);
            }
            return picked;
        }
    }
}
