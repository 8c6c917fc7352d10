using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Portal.Data.Tenancy;
using Portal.Domain.Integrations;
using Portal.Features.Integrations;
using Portal.Hosting;
using Portal.Tests.Infrastructure;
using Portal.Tests.WooCommerce;

namespace Portal.Tests.Integrations;

/// <summary>
/// Requests whose body the server cannot read are answered 400/413 and logged as one warning a minute, never as
/// unhandled errors: anyone can send them to the webhook receiver, and they must not fill the log.
/// </summary>
public sealed class WebhookMalformedRequestRefusalTests : IAsyncLifetime
{
    private const int BodyLimit = 64 * 1024;
    private readonly CapturingLoggerProvider _log = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private PortalFactory _portal = null!;
    private string _path = "";

    public async Task InitializeAsync()
    {
        _portal = new PortalFactory
        {
            ConfigureTestServices = services =>
            {
                services.AddSingleton<ILoggerProvider>(_log);
                services.AddSingleton<TimeProvider>(_clock);
                services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = BodyLimit);
            },
        };
        await _portal.StartAsync();
        var (org, _, _) = await _portal.CreateOrganizationAsync();
        await using var db = _portal.OpenDatabase(FixedTenant.For(org));
        var store = new ConnectedStore
        {
            OrganizationId = org, PublicKey = "malformed" + Guid.NewGuid().ToString("N"), Name = "Shop", Url = "https://shop.example",
            NormalizedUrl = "shop.example", Status = StoreStatus.Connected,
        };
        db.Stores.Add(store);
        await db.SaveChangesAsync();
        _path = StorePaths.WebhookPathPrefix + store.PublicKey;
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task Receiver_WhenTheChunkSizeIsNotHex_ThenAnswers400AndLogsNoError()
    {
        var status = await SendRawAsync(Chunked("zz\r\n{}\r\n0\r\n\r\n"));

        status.ShouldBe(400);
        Errors().ShouldBeEmpty();
        Warnings().ShouldHaveSingleItem().ShouldContain("Malformed request answered 400: POST " + _path);
    }

    [Fact]
    public async Task Receiver_WhenTheBodyIsOverTheServerLimit_ThenAnswers413AndLogsNoError()
    {
        // The receiver's own limit (its RequestSizeLimit) replaces the server-wide one on its route.
        var size = WooEndpoints.MaxWebhookBody + 16 * 1024;
        var status = await SendRawAsync(Chunked($"{size:x}\r\n{new string('a', size)}\r\n0\r\n\r\n"));

        status.ShouldBe(413);
        Errors().ShouldBeEmpty();
    }

    [Fact]
    public async Task Receiver_WhenMalformedRequestsKeepComing_ThenOneWarningAMinuteCountsThem()
    {
        for (var i = 0; i < 5; i++)
        {
            (await SendRawAsync(Chunked("zz\r\n"))).ShouldBe(400);
        }

        Warnings().ShouldHaveSingleItem().ShouldContain("(1 such requests since the last warning)");

        _clock.Advance(MalformedRequestMiddleware.WarningInterval);
        (await SendRawAsync(Chunked("zz\r\n"))).ShouldBe(400);

        Warnings().Count.ShouldBe(2);
        Warnings()[1].ShouldContain("(5 such requests since the last warning)");
        Errors().ShouldBeEmpty();
    }

    private string Chunked(string body) =>
        $"POST {_path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
        + $"X-WC-Webhook-Topic: order.updated\r\nX-WC-Webhook-Delivery-ID: d1\r\nX-WC-Webhook-Signature: c2lnbmF0dXJl\r\n\r\n{body}";

    /// <summary>Over a plain socket: HttpClient would not send a malformed body. Returns the response's status code.</summary>
    private async Task<int> SendRawAsync(string request)
    {
        var address = new Uri(_portal.BaseUrl);
        using var socket = new TcpClient();
        await socket.ConnectAsync(address.Host, address.Port);
        var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        await stream.FlushAsync();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var statusLine = await reader.ReadLineAsync();
        statusLine.ShouldNotBeNull();
        return int.Parse(statusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    private List<string> Warnings() => _log.Lines.Where(l => l.StartsWith("Warning: Malformed request", StringComparison.Ordinal)).ToList();

    private List<string> Errors() => _log.Lines.Where(l => l.StartsWith("Error:", StringComparison.Ordinal) || l.StartsWith("Critical:", StringComparison.Ordinal)).ToList();
}
