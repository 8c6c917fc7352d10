using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Identity;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Identity;

/// <summary>Users of the real portal in the states the account pages care about: signed out, signed in, with two-factor.</summary>
internal static partial class AccountBrowser
{
    public static Uri Location(HttpClient client, HttpResponseMessage response) => new(client.BaseAddress!, response.Headers.Location!);

    public static async Task<HttpClient> SignedInAsync(PortalFactory portal, string email, string password)
    {
        var client = portal.CreateBrowserClient();
        var response = await StaticForm.SignInAsync(client, email, password);
        Location(client, response).AbsolutePath.ShouldBe("/", "signed in");
        return client;
    }

    /// <summary>Turns two-factor sign-in on as the authenticator page does; returns the key and one recovery code.</summary>
    public static async Task<(string Key, string RecoveryCode)> TurnOnTwoFactorAsync(PortalFactory portal, string email)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        (await users.ResetAuthenticatorKeyAsync(user)).Succeeded.ShouldBeTrue();
        (await users.SetTwoFactorEnabledAsync(user, true)).Succeeded.ShouldBeTrue();
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!.ToList();
        return ((await users.GetAuthenticatorKeyAsync(user))!, codes[0]);
    }

    /// <summary>Password accepted, the authenticator code not given yet: the short-lived two-factor cookie only.</summary>
    public static async Task<HttpClient> HalfwayAsync(PortalFactory portal, string email, string password)
    {
        var client = portal.CreateBrowserClient();
        var response = await StaticForm.SignInAsync(client, email, password);
        Location(client, response).AbsolutePath.ShouldBe("/Account/LoginWith2fa");
        return client;
    }

    /// <summary>Signs in with the password and a recovery code, the way a user without their phone does.</summary>
    public static async Task<HttpClient> SignedInWithTwoFactorAsync(PortalFactory portal, string email, string password, string recoveryCode)
    {
        var client = await HalfwayAsync(portal, email, password);
        var response = await StaticForm.PostAsync(client, "/Account/LoginWithRecoveryCode",
            new Dictionary<string, string> { ["Input.RecoveryCode"] = recoveryCode });
        Location(client, response).AbsolutePath.ShouldBe("/", "signed in with a recovery code");
        return client;
    }

    public static async Task<(string? Key, string Stamp, bool TwoFactor)> SecurityStateAsync(PortalFactory portal, string email)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        return (await users.GetAuthenticatorKeyAsync(user), await users.GetSecurityStampAsync(user), await users.GetTwoFactorEnabledAsync(user));
    }

    /// <summary>An antiforgery token for this browser, from a page that carries a form.</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string page)
    {
        var response = await client.GetAsync(page);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"GET {page}");
        var match = TokenInput().Match(await response.Content.ReadAsStringAsync());
        match.Success.ShouldBeTrue($"{page} carries an antiforgery token");
        return WebUtility.HtmlDecode(match.Groups["value"].Value);
    }

    /// <summary>The six-digit code an authenticator app shows now for this key (RFC 6238, 30-second steps, SHA-1).</summary>
    public static string AuthenticatorCode(string base32Key, DateTimeOffset now)
    {
        var step = now.ToUnixTimeSeconds() / 30;
        var counter = BitConverter.GetBytes(step);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(counter);
        }

        var hash = HMACSHA1.HashData(Base32(base32Key), counter);
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('=').ToUpperInvariant())
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }

        return bytes.ToArray();
    }

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"(?<value>[^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex TokenInput();
}
