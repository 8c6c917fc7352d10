using System.Text.Json;
using Portal.WooCommerce;

namespace Portal.Tests.WooCommerce;

/// <summary>The key WooCommerce posts to the portal's app-authorization callback, as captured in wc_auth/.</summary>
public class WooAuthCallbackTests
{
    public static TheoryData<string, int> CallbackBodies()
    {
        var data = new TheoryData<string, int>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(WooFixtures.Directory, "wc_auth"), "*.json").Order(StringComparer.Ordinal))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            var name = Path.GetFileName(file);
            if (doc.RootElement.TryGetProperty("request", out var request))
                data.Add(name, 0);
            if (doc.RootElement.TryGetProperty("callback_posts_received", out var posts))
                for (var i = 0; i < posts.GetArrayLength(); i++)
                    data.Add(name, i + 1);
        }
        return data;
    }

    private static string Body(string file, int post)
    {
        using var doc = JsonDocument.Parse(WooFixtures.Read(Path.Combine("wc_auth", file)));
        return post == 0
            ? doc.RootElement.GetProperty("request").GetProperty("body").GetString()!
            : doc.RootElement.GetProperty("callback_posts_received")[post - 1].GetProperty("body").GetString()!;
    }

    [Fact]
    public void CallbackBodies_WhenListed_ThenTheCapturedPostsAreAllThere()
    {
        CallbackBodies().Count().ShouldBe(4);
    }

    [Theory]
    [MemberData(nameof(CallbackBodies))]
    public void Parse_WhenCapturedCallbackPost_ThenKeyFieldsPresent(string file, int post)
    {
        var callback = JsonSerializer.Deserialize<WooAuthCallback>(Body(file, post), WooJson.Options)!;

        callback.KeyId.ShouldBeGreaterThan(0);
        callback.UserId.ShouldNotBeNullOrEmpty();
        callback.ConsumerKey.ShouldStartWith("ck_");
        callback.ConsumerSecret.ShouldStartWith("cs_");
        callback.KeyPermissions.ShouldBeOneOf("read", "write", "read_write");
        callback.ToString().ShouldNotContain("cs_");
    }
}
