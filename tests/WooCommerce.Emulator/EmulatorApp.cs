using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using WooCommerce.Emulator.Auth;
using WooCommerce.Emulator.Control;
using WooCommerce.Emulator.Model;
using WooCommerce.Emulator.Rest;
using WooCommerce.Emulator.Webhooks;

namespace WooCommerce.Emulator;

/// <summary>Builds the emulator's web application; used by <see cref="WooEmulator"/> and by Program.cs.</summary>
public static class EmulatorApp
{
    public const string ApiPrefix = "/wp-json/wc/v3";

    public static void AddServices(IServiceCollection services, EmulatorOptions options, Store store, TimeProvider clock)
    {
        services.AddSingleton(options);
        services.AddSingleton(store);
        services.AddSingleton(clock);
        services.AddSingleton<RequestLog>();
        services.AddSingleton<FaultInjector>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddSingleton<WooAuthentication>();
        services.AddSingleton<WcAuth.AppAuthorization>();
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
    }

    public static void Configure(WebApplication app)
    {
        app.Use(LogRequests);
        app.Use(InjectFaults);
        app.Use(HandleWooErrors);
        app.UseRouting();
        app.Use(ReadParams);
        app.Use(Authenticate);

        var api = app.MapGroup(ApiPrefix);
        ProductsApi.Map(api);
        TaxonomyApi.Map(api);
        OrdersApi.Map(api);
        CustomersApi.Map(api);
        StoreConfigApi.Map(api);
        CouponsApi.Map(api);
        TaxesApi.Map(api);
        ShippingApi.Map(api);
        SettingsApi.Map(api);
        WebhooksApi.Map(api);
        SiteApi.Map(app, api);
        app.Map("/wp-json/{**rest}", () => Http.Json(WooException.Of("rest_no_route", "No route was found matching the URL and request method.", 404).Body, 404))
            .WithMetadata(new PublicEndpoint(), new NoRoute()).WithOrder(1);
        WcAuth.AppAuthorization.Map(app);
        ControlEndpoints.Map(app);
    }

    private static async Task LogRequests(HttpContext c, RequestDelegate next)
    {
        if (c.Request.Path.StartsWithSegments("/__emulator"))
        {
            await next(c);
            return;
        }
        var started = Stopwatch.GetTimestamp();
        var logged = new StrongBox<int>();
        // Logged as the response starts, before the client can read it: a test that counts requests right after
        // its call returns must find that call. A request that never answers (aborted) is logged at the end.
        void Log()
        {
            if (Interlocked.Exchange(ref logged.Value, 1) == 0)
            {
                c.RequestServices.GetRequiredService<RequestLog>().Add(new LoggedRequest(
                    c.Request.Method, c.Request.Path.Value ?? "", c.Request.QueryString.Value ?? "", c.Response.StatusCode,
                    c.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(), Stopwatch.GetElapsedTime(started).TotalMilliseconds));
            }
        }

        c.Response.OnStarting(() =>
        {
            Log();
            return Task.CompletedTask;
        });
        try
        {
            await next(c);
        }
        finally
        {
            Log();
        }
    }

    private static async Task InjectFaults(HttpContext c, RequestDelegate next)
    {
        if (c.Request.Path.StartsWithSegments("/__emulator"))
        {
            await next(c);
            return;
        }
        var faults = c.RequestServices.GetRequiredService<FaultInjector>().Pick(c.Request);
        var stopping = c.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(c.RequestAborted, stopping);
        foreach (var fault in faults)
        {
            switch (fault.Kind)
            {
                case FaultKind.Latency:
                    await Task.Delay(fault.LatencyMs, abort.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                    break;
                case FaultKind.Hang:
                    await Task.Delay(Timeout.Infinite, abort.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                    c.Abort();
                    return;
                case FaultKind.ServerError:
                    c.Response.StatusCode = 500;
                    c.Response.ContentType = Http.JsonContentType;
                    await c.Response.WriteAsync("{\"code\":\"internal_server_error\",\"message\":\"<p>There has been a critical error on this website.</p>\",\"data\":{\"status\":500},\"additional_errors\":[]}");
                    return;
                case FaultKind.TooManyRequests:
                    c.Response.StatusCode = 429;
                    c.Response.Headers.RetryAfter = fault.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    c.Response.ContentType = "text/html; charset=UTF-8";
                    await c.Response.WriteAsync("<html><head><title>429 Too Many Requests</title></head><body><h1>Too Many Requests</h1></body></html>");
                    return;
                case FaultKind.HtmlPage:
                    c.Response.StatusCode = fault.HtmlStatus;
                    c.Response.ContentType = "text/html; charset=UTF-8";
                    await c.Response.WriteAsync("<!DOCTYPE html><html><head><title>Attention Required! | Security check</title></head><body><h1>Sorry, you have been blocked</h1><p>This website is using a security service to protect itself from online attacks.</p></body></html>");
                    return;
                case FaultKind.TruncatedJson:
                    await Truncated(c, next);
                    return;
                case FaultKind.StripAuthorization:
                    c.Request.Headers.Remove("Authorization");
                    break;
            }
        }
        await next(c);
    }

    /// <summary>Lets the request run, then sends only the first half of its body with a matching Content-Length.</summary>
    private static async Task Truncated(HttpContext c, RequestDelegate next)
    {
        var original = c.Response.Body;
        using var buffer = new MemoryStream();
        c.Response.Body = buffer;
        try
        {
            await next(c);
        }
        finally
        {
            c.Response.Body = original;
        }
        var bytes = buffer.ToArray();
        var half = bytes.AsMemory(0, bytes.Length / 2);
        c.Response.ContentLength = half.Length;
        await original.WriteAsync(half);
    }

    private static async Task HandleWooErrors(HttpContext c, RequestDelegate next)
    {
        try
        {
            await next(c);
        }
        catch (WooException e) when (!c.Response.HasStarted)
        {
            c.Response.Clear();
            c.Response.StatusCode = e.Status;
            c.Response.ContentType = Http.JsonContentType;
            AddWordPressHeaders(c);
            await c.Response.WriteAsync(e.Body.ToJsonString(Http.JsonOptions), Encoding.UTF8);
        }
    }

    private static readonly ConcurrentDictionary<string, string> AllowByRoute = new();

    private static void AddWordPressHeaders(HttpContext c)
    {
        if (!c.Request.Path.StartsWithSegments("/wp-json")) return;
        c.Response.Headers["X-Content-Type-Options"] = "nosniff";
        c.Response.Headers["Access-Control-Expose-Headers"] = "X-WP-Total, X-WP-TotalPages, Link";
        c.Response.Headers["Access-Control-Allow-Headers"] = "Authorization, X-WP-Nonce, Content-Disposition, Content-MD5, Content-Type";
        if (!c.Response.Headers.ContainsKey("Link"))
            c.Response.Headers["Link"] = $"<{c.Origin()}/wp-json/>; rel=\"https://api.w.org/\"";
        if (c.GetEndpoint() is RouteEndpoint endpoint && endpoint.Metadata.GetMetadata<NoRoute>() is null && c.Response.StatusCode != 401)
        {
            var raw = endpoint.RoutePattern.RawText ?? "";
            c.Response.Headers.Allow = AllowByRoute.GetOrAdd(raw, _ => string.Join(", ", c.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints
                .OfType<RouteEndpoint>().Where(e => e.RoutePattern.RawText == raw)
                .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
                .Distinct().OrderBy(m => Array.IndexOf(["GET", "POST", "PUT", "PATCH", "DELETE"], m))));
        }
    }

    private static async Task ReadParams(HttpContext c, RequestDelegate next)
    {
        if (c.Request.Path.StartsWithSegments("/wp-json")) await Http.LoadParamsAsync(c);
        await next(c);
    }

    private static async Task Authenticate(HttpContext c, RequestDelegate next)
    {
        if (c.Request.Path.StartsWithSegments("/wp-json/wc") && !c.Store().Settings.WooCommerceActive)
            throw WooException.Of("rest_no_route", "No route was found matching the URL and request method.", 404);
        if (c.Request.Path.StartsWithSegments(ApiPrefix))
        {
            var key = c.RequestServices.GetRequiredService<WooAuthentication>().Authenticate(c.Request, c.Params());
            var endpoint = c.GetEndpoint() as RouteEndpoint;
            if (key is null && endpoint is not null && endpoint.Metadata.GetMetadata<PublicEndpoint>() is null)
                throw WooAuthentication.NotAllowed(c.Request, endpoint);
        }
        c.Response.OnStarting(() =>
        {
            AddWordPressHeaders(c);
            return Task.CompletedTask;
        });
        await next(c);
    }
}

/// <summary>Marks the catch-all that answers rest_no_route.</summary>
public sealed class NoRoute;
