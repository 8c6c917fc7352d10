using System.Net;
using System.Text.RegularExpressions;

namespace Portal.Tests.Infrastructure;

/// <summary>Fills and posts a static server-rendered form the way a browser does: hidden fields (antiforgery, handler) included.</summary>
public static partial class StaticForm
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, IReadOnlyDictionary<string, string> fields)
    {
        var page = await client.GetAsync(path);
        page.StatusCode.ShouldBe(HttpStatusCode.OK, $"GET {path}");
        var html = await page.Content.ReadAsStringAsync();
        // The page's Blazor form (it carries the _handler field); a page may hold other forms, e.g. sign-out.
        var form = html.Split("<form", StringSplitOptions.None).Skip(1).FirstOrDefault(f => f.Contains("name=\"_handler\"", StringComparison.Ordinal))
            ?? html;
        var values = HiddenInputs().Matches(form).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        foreach (var (name, value) in fields)
        {
            values[name] = value;
        }

        return await client.PostAsync(path, new FormUrlEncodedContent(values));
    }

    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) =>
        await PostAsync(client, "/Account/Login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*name=\"(?<name>[^\"]+)\"[^>]*value=\"(?<value>[^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenInputs();
}
