using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WooCommerce.Emulator.Tests.Support;

public sealed record ReceivedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Body);
}

/// <summary>A loopback HTTP(S) endpoint standing in for a webhook receiver or an app's callback_url.</summary>
public sealed class Receiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();

    private Receiver(WebApplication app, string baseUrl) { _app = app; BaseUrl = baseUrl; }

    public string BaseUrl { get; }

    /// <summary>Status answered to every request; change it between steps of a test.</summary>
    public int Status { get; set; } = 200;

    public IReadOnlyList<ReceivedRequest> Received => [.. _received];

    public static async Task<Receiver> StartAsync(X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => { if (certificate is not null) l.UseHttps(certificate); }));
        var app = builder.Build();
        Receiver? self = null;
        app.Run(async c =>
        {
            using var body = new MemoryStream();
            await c.Request.Body.CopyToAsync(body);
            var headers = c.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            self!._received.Enqueue(new ReceivedRequest(c.Request.Method, c.Request.Path + c.Request.QueryString, headers, body.ToArray()));
            c.Response.StatusCode = self.Status;
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        self = new Receiver(app, address);
        return self;
    }

    /// <summary>Waits until <paramref name="count"/> requests have arrived (or the timeout passes) and returns them.</summary>
    public async Task<IReadOnlyList<ReceivedRequest>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (_received.Count < count && waited.Elapsed < (timeout ?? TimeSpan.FromSeconds(15))) await Task.Delay(20);
        return Received;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
