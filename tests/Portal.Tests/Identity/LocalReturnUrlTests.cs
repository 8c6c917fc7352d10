using Portal.Identity;

namespace Portal.Tests.Identity;

public sealed class LocalReturnUrlTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/sales")]
    [InlineData("/sales/5/edit?tab=lines#top")]
    [InlineData("/Account/Manage")]
    public void IsLocal_WhenAPathOfThisSite_ThenTrue(string url) => LocalReturnUrl.IsLocal(url).ShouldBeTrue();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("\\\\evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("sales")]
    [InlineData("~/sales")]
    [InlineData("/\t/evil.example")]
    [InlineData("/sales\r\nSet-Cookie: x=1")]
    public void IsLocal_WhenAnythingElse_ThenFalseAndLeadsHome(string? url)
    {
        LocalReturnUrl.IsLocal(url).ShouldBeFalse();
        LocalReturnUrl.OrHome(url).ShouldBe("/");
    }
}
