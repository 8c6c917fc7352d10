using System.Text;
using Microsoft.Extensions.Time.Testing;
using Portal.WooCommerce;

namespace Portal.Tests.WooCommerce;

/// <summary>Independent published vectors: RFC 5849 §3.4.1.1 (base string) and the photos example of OAuth
/// Core 1.0 Appendix A.5 (base string and HMAC-SHA1 signature), which RFC 5849 §1.2 walks through.</summary>
public class OAuth1SignerTests
{
    [Fact]
    public void BuildBaseString_WhenRfc5849Section3411Example_ThenMatchesPublishedString()
    {
        // POST /request?b5=%3D%253D&a3=a&c%40=&a2=r%20b, body c2&a3=2+q, decoded as the RFC lists them.
        KeyValuePair<string, string>[] parameters =
        [
            new("b5", "=%3D"), new("a3", "a"), new("c@", ""), new("a2", "r b"),
            new("oauth_consumer_key", "9djdj82h48djs9d2"), new("oauth_token", "kkk9d7dh3k39sjv7"),
            new("oauth_signature_method", "HMAC-SHA1"), new("oauth_timestamp", "137131201"),
            new("oauth_nonce", "7d8f3e4a"), new("c2", ""), new("a3", "2 q"),
        ];

        var baseString = OAuth1Signer.BuildBaseString("POST", new Uri("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b"), parameters);

        baseString.ShouldBe(
            "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D"
            + "%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1"
            + "%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7");
    }

    [Fact]
    public void Sign_WhenPhotosExample_ThenMatchesPublishedHmacSha1Signature()
    {
        KeyValuePair<string, string>[] parameters =
        [
            new("file", "vacation.jpg"), new("size", "original"),
            new("oauth_consumer_key", "dpf43f3p2l4k3l03"), new("oauth_token", "nnch734d00sl2jdk"),
            new("oauth_signature_method", "HMAC-SHA1"), new("oauth_timestamp", "1191242096"),
            new("oauth_nonce", "kllo9940pd9333jh"), new("oauth_version", "1.0"),
        ];

        var baseString = OAuth1Signer.BuildBaseString("GET", new Uri("http://photos.example.net/photos?file=vacation.jpg&size=original"), parameters);

        baseString.ShouldBe(
            "GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3Ddpf43f3p2l4k3l03"
            + "%26oauth_nonce%3Dkllo9940pd9333jh%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1191242096"
            + "%26oauth_token%3Dnnch734d00sl2jdk%26oauth_version%3D1.0%26size%3Doriginal");
        OAuth1Signer.Sign(baseString, "kd94hf93k423kf44", "pfkkdhi9sl3r4s00", WooSignatureMethod.HmacSha1)
            .ShouldBe("tR3+Ty81lMeYAr/Fid0kMTYa/WM=");
    }

    [Theory]
    [InlineData("HTTP://Example.COM:80/r%20v/X?id=123", "http://example.com/r%20v/X")]
    [InlineData("https://www.example.net:8080/?q=1", "https://www.example.net:8080/")]
    [InlineData("https://shop.test:443/wp-json/wc/v3/products", "https://shop.test/wp-json/wc/v3/products")]
    public void BaseStringUri_WhenUrlHasCaseDefaultPortOrQuery_ThenNormalizedPerRfc(string url, string expected)
    {
        OAuth1Signer.BaseStringUri(new Uri(url)).ShouldBe(expected);
    }

    [Fact]
    public void SignOAuth_WhenWooCommerceRequest_ThenOneLeggedSha256WithSecretAmpersandKey()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_795_797_747));
        var connection = new WooStoreConnection("s1", new Uri("http://127.0.0.1:8080"), "ck_abc", "cs_secret");
        var authenticator = new WooAuthenticator(connection, time);

        var signed = authenticator.SignOAuth(HttpMethod.Get, new Uri("http://127.0.0.1:8080/wp-json/wc/v3/orders?status=processing%2Ccompleted&modified_after=2026-01-01T00%3A00%3A00"));

        var query = WooAuthenticator.ParseQuery(signed.Query).ToList();
        var parameters = query.ToDictionary(p => p.Key, p => p.Value);
        parameters["oauth_consumer_key"].ShouldBe("ck_abc");
        parameters["oauth_signature_method"].ShouldBe("HMAC-SHA256");
        parameters["oauth_timestamp"].ShouldBe("1795797747");
        parameters["oauth_nonce"].Length.ShouldBeGreaterThanOrEqualTo(16);
        parameters["status"].ShouldBe("processing,completed");
        // Recompute independently of the signer: HMAC-SHA256 keyed with "secret&" over the RFC base string.
        var unsigned = query.Where(p => p.Key != "oauth_signature");
        var baseString = OAuth1Signer.BuildBaseString("GET", signed, unsigned);
        var expected = Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(
            Encoding.UTF8.GetBytes("cs_secret&"), Encoding.UTF8.GetBytes(baseString)));
        parameters["oauth_signature"].ShouldBe(expected);
    }

    [Fact]
    public void SignOAuth_WhenSignedTwice_ThenFreshNonceAndNoDuplicateParameters()
    {
        var connection = new WooStoreConnection("s1", new Uri("http://shop.test"), "ck", "cs") { SignatureMethod = WooSignatureMethod.HmacSha1 };
        var authenticator = new WooAuthenticator(connection, TimeProvider.System);

        var first = authenticator.SignOAuth(HttpMethod.Get, new Uri("http://shop.test/wp-json/wc/v3/products?page=2"));
        var second = authenticator.SignOAuth(HttpMethod.Get, first);

        var a = WooAuthenticator.ParseQuery(first.Query).ToList();
        var b = WooAuthenticator.ParseQuery(second.Query).ToList();
        b.Count.ShouldBe(a.Count);
        b.Single(p => p.Key == "oauth_signature_method").Value.ShouldBe("HMAC-SHA1");
        b.Single(p => p.Key == "oauth_nonce").Value.ShouldNotBe(a.Single(p => p.Key == "oauth_nonce").Value);
        b.Single(p => p.Key == "page").Value.ShouldBe("2");
    }
}
