using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using WooCommerce.Emulator.Model;
using WooCommerce.Emulator.Rest;
using WooCommerce.Emulator.Webhooks;

namespace WooCommerce.Emulator.WcAuth;

public sealed record AuthCallback(string Url, int? Status, string? Error, string Body);

/// <summary>
/// WooCommerce's app-authorization endpoint (/wc-auth/v1): login, approve or deny, key creation, the JSON POST to
/// callback_url that must answer exactly 200, and the redirect back to return_url.
/// </summary>
public sealed class AppAuthorization(Store store, EmulatorOptions options, TimeProvider clock)
{
    private const string Cookie = "wordpress_logged_in_emulator";
    private static readonly string[] Params = ["app_name", "scope", "user_id", "return_url", "callback_url"];
    private static readonly string[] Scopes = ["read", "write", "read_write"];

    private readonly ConcurrentDictionary<string, byte> _sessions = new();
    private readonly ConcurrentDictionary<string, byte> _nonces = new();
    private readonly ConcurrentQueue<AuthCallback> _callbacks = new();

    public IReadOnlyList<AuthCallback> Callbacks => [.. _callbacks];

    public static void Map(WebApplication app)
    {
        // Routing ignores a trailing slash, so these also answer WooCommerce's "/authorize/" spelling.
        app.MapGet("/wc-auth/v1/authorize", (HttpContext c, AppAuthorization a) => a.Authorize(c));
        app.MapGet("/wc-auth/v1/login", (HttpContext c, AppAuthorization a) => a.LoginPage(c, error: null));
        app.MapPost("/wc-auth/v1/login", (HttpContext c, AppAuthorization a) => a.LoginAsync(c));
        app.MapGet("/wc-auth/v1/access_granted", (HttpContext c, AppAuthorization a) => a.GrantedAsync(c));
    }

    private static IResult Html(string body, int status = 200) =>
        Results.Content($"<!DOCTYPE html><html lang=\"en-US\"><head><meta charset=\"UTF-8\"><title>WooCommerce &rsaquo; Application authentication request</title></head><body class=\"wc-auth wp-core-ui\">{body}</body></html>", "text/html; charset=UTF-8", Encoding.UTF8, status);

    private static IResult Die(string message) => Html($"<div class=\"wp-die-message\"><p>Error: {WebUtility.HtmlEncode(message)}</p></div>", 401);

    private static string Enc(string s) => WebUtility.HtmlEncode(s);

    private static Dictionary<string, string> Values(HttpContext c) =>
        Params.Where(p => c.Request.Query.ContainsKey(p)).ToDictionary(p => p, p => c.Request.Query[p].ToString());

    private static string Query(Dictionary<string, string> values) =>
        string.Join("&", Params.Where(values.ContainsKey).Select(p => $"{p}={Uri.EscapeDataString(values[p])}"));

    private string? Validate(Dictionary<string, string> values)
    {
        foreach (var p in Params)
            if (!values.TryGetValue(p, out var v) || v.Length == 0) return $"Missing parameter {p}.";
        if (!Scopes.Contains(values["scope"])) return $"Invalid scope {values["scope"]}.";
        if (!Uri.TryCreate(values["callback_url"], UriKind.Absolute, out var callback)) return "The callback_url is not a valid URL.";
        if (callback.Scheme != "https" && !(options.AllowHttpAuthCallback && callback.Scheme == "http")) return "The callback_url needs to be over SSL.";
        if (!Uri.TryCreate(values["return_url"], UriKind.Absolute, out _)) return "The return_url is not a valid URL.";
        return null;
    }

    private bool LoggedIn(HttpContext c) => c.Request.Cookies.TryGetValue(Cookie, out var token) && _sessions.ContainsKey(token);

    private static string WithQuery(string url, string name, string value) =>
        QueryHelpers.AddQueryString(url, name, value);

    private static string DenyUrl(Dictionary<string, string> v) => WithQuery(WithQuery(v["return_url"], "success", "0"), "user_id", v["user_id"]);

    private IResult Authorize(HttpContext c)
    {
        var values = Values(c);
        if (Validate(values) is string error) return Die(error);
        if (!LoggedIn(c)) return Results.Redirect($"{c.Origin()}/wc-auth/v1/login/?{Query(values)}");
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
        _nonces[nonce] = 0;
        var approve = $"{c.Origin()}/wc-auth/v1/access_granted/?{Query(values)}&wc_auth_nonce={nonce}";
        var scope = values["scope"] switch { "read" => "View", "write" => "Create", _ => "View and manage" };
        return Html($"""
            <h1 id="wc-logo">WooCommerce</h1>
            <div class="wc-auth-content">
            <h1>{Enc(values["app_name"])} would like to connect to your store</h1>
            <p>This will give "<strong>{Enc(values["app_name"])}</strong>" <strong>{Enc(values["scope"].Replace('_', '/'))}</strong> access which will allow it to:</p>
            <ul class="wc-auth-permissions"><li>{scope} coupons</li><li>{scope} customers</li><li>{scope} orders</li><li>{scope} products</li></ul>
            <div class="wc-auth-logged-in-as"><p>Logged in as {Enc(options.AdminUser)}</p></div>
            </div>
            <p class="wc-auth-actions">
            <a href="{Enc(approve)}" class="button button-primary wc-auth-approve">Approve</a>
            <a href="{Enc(DenyUrl(values))}" class="button wc-auth-deny">Deny</a>
            </p>
            """);
    }

    private IResult LoginPage(HttpContext c, string? error)
    {
        var values = Values(c);
        if (Validate(values) is string invalid) return Die(invalid);
        var redirect = $"{c.Origin()}/wc-auth/v1/authorize/?{Query(values)}";
        var message = error is null ? "" : $"<ul class=\"woocommerce-error\" role=\"alert\"><li>{Enc(error)}</li></ul>";
        return Html($"""
            <h1 id="wc-logo">WooCommerce</h1>
            <div class="wc-auth-content">
            <h1>{Enc(values["app_name"])} would like to connect to your store</h1>
            {message}
            <p>To connect to {Enc(values["app_name"])} you need to be logged in. Log in to your store below, or <a href="{Enc(DenyUrl(values))}">cancel and return to {Enc(values["app_name"])}</a></p>
            <form method="post" class="wc-auth-login">
            <p class="form-row form-row-wide"><label for="username">Username or email address&nbsp;<span class="required">*</span></label>
            <input type="text" class="input-text" name="username" id="username" value="" required aria-required="true" /></p>
            <p class="form-row form-row-wide"><label for="password">Password&nbsp;<span class="required">*</span></label>
            <input class="input-text" type="password" name="password" id="password" autocomplete="current-password" required aria-required="true" /></p>
            <p class="wc-auth-actions">
            <button type="submit" class="button button-large button-primary wc-auth-login-button" name="login" value="Login">Login</button>
            <input type="hidden" name="redirect" value="{Enc(redirect)}" />
            </p>
            </form>
            </div>
            """, error is null ? 200 : 401);
    }

    private async Task<IResult> LoginAsync(HttpContext c)
    {
        var form = await c.Request.ReadFormAsync();
        var user = form["username"].ToString();
        var password = form["password"].ToString();
        if (user != options.AdminUser || password != options.AdminPassword)
            return LoginPage(c, "The username or password you entered is incorrect.");
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _sessions[token] = 0;
        c.Response.Cookies.Append(Cookie, token, new CookieOptions { HttpOnly = true, Path = "/" });
        return Results.Redirect($"{c.Origin()}/wc-auth/v1/authorize/?{Query(Values(c))}");
    }

    private async Task<IResult> GrantedAsync(HttpContext c)
    {
        var values = Values(c);
        if (Validate(values) is string error) return Die(error);
        if (!LoggedIn(c)) return Results.Redirect($"{c.Origin()}/wc-auth/v1/login/?{Query(values)}");
        if (!_nonces.TryRemove(c.Request.Query["wc_auth_nonce"].ToString(), out _)) return Die("Invalid nonce. Please try again.");

        var permission = values["scope"] switch { "read" => KeyPermission.Read, "write" => KeyPermission.Write, _ => KeyPermission.ReadWrite };
        var key = store.CreateKey(permission, $"{values["app_name"]} - API ({clock.GetUtcNow():yyyy-MM-dd HH:mm:ss})");
        var body = new JsonObject
        {
            ["key_id"] = key.KeyId,
            ["user_id"] = values["user_id"],
            ["consumer_key"] = key.ConsumerKey,
            ["consumer_secret"] = key.ConsumerSecret,
            ["key_permissions"] = key.PermissionName,
        }.ToJsonString();

        int? status = null;
        string? failure = null;
        try
        {
            using var http = WebhookDispatcher.CreateClient(options);
            // wp_safe_remote_post's User-Agent: "WordPress/<version>; <home url>".
            http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", $"WordPress/{store.Settings.WordPressVersion}; {c.Origin()}");
            // Byte content keeps WooCommerce's exact header spelling (no space before charset).
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            content.Headers.TryAddWithoutValidation("Content-Type", "application/json;charset=UTF-8");
            using var response = await http.PostAsync(values["callback_url"], content, c.RequestAborted);
            status = (int)response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            failure = e.Message;
        }
        _callbacks.Enqueue(new AuthCallback(values["callback_url"], status, failure, body));
        if (status != 200)
        {
            lock (store.Sync) store.Keys.Remove(key);
            return Die("An error occurred in the request and at the time were unable to send the consumer data");
        }
        return Results.Redirect(WithQuery(WithQuery(values["return_url"], "success", "1"), "user_id", values["user_id"]));
    }
}
