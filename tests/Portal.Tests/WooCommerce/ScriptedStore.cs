using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Portal.Tests.WooCommerce;

/// <summary>A tiny store on a real loopback socket that answers from a script: HttpTest replaces the handler
/// pipeline, so retries, timeouts, the circuit breaker and the concurrency limit can only be seen here.</summary>
internal sealed class ScriptedStore : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _hits;
    private int _inFlight;
    private int _maxInFlight;

    private ScriptedStore(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;
    public int Hits => Volatile.Read(ref _hits);
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);
    public ConcurrentQueue<(string Method, string PathAndQuery)> Requests { get; } = new();

    /// <summary><paramref name="handle"/> gets the request and its 1-based hit number.</summary>
    public static async Task<ScriptedStore> StartAsync(Func<HttpContext, int, Task> handle)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var store = new ScriptedStore(app);
        app.Run(async context =>
        {
            var hit = Interlocked.Increment(ref store._hits);
            var inFlight = Interlocked.Increment(ref store._inFlight);
            int seen;
            while (inFlight > (seen = Volatile.Read(ref store._maxInFlight))
                   && Interlocked.CompareExchange(ref store._maxInFlight, inFlight, seen) != seen)
            {
            }
            store.Requests.Enqueue((context.Request.Method, context.Request.Path + context.Request.QueryString));
            try
            {
                await handle(context, hit);
            }
            finally
            {
                Interlocked.Decrement(ref store._inFlight);
            }
        });
        await app.StartAsync();
        store.BaseUrl = new Uri(app.Urls.First());
        return store;
    }

    public static Task Json(HttpContext context, int status, string body, params (string Name, string Value)[] headers)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=UTF-8";
        foreach (var (name, value) in headers)
            context.Response.Headers[name] = value;
        return context.Response.WriteAsync(body);
    }

    public static Task ServiceUnavailable(HttpContext context) =>
        Json(context, 503, "<html><body>503 Service Unavailable</body></html>");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
