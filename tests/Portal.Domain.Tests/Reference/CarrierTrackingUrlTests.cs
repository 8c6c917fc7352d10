using Portal.Domain.Reference;

namespace Portal.Domain.Tests.Reference;

public sealed class CarrierTrackingUrlTests
{
    [Fact]
    public void TrackingUrl_WhenTheTemplateHasThePlaceholder_ThenTheNumberIsPutThereEscaped()
    {
        var carrier = Carrier.Create(1, "UPS").WithTrackingUrlTemplate(" https://track.example/?n={tracking}&l=en ");

        carrier.TrackingUrlTemplate.ShouldBe("https://track.example/?n={tracking}&l=en");
        carrier.TrackingUrl("1Z 99/9").ShouldBe("https://track.example/?n=1Z%2099%2F9&l=en");
    }

    [Theory]
    [InlineData("https://track.example/")]
    [InlineData("ftp://track.example/{tracking}")]
    [InlineData("track.example/{tracking}")]
    public void WithTrackingUrlTemplate_WhenNotAnHttpAddressWithThePlaceholder_ThenRefusedNamingTheField(string template)
    {
        var carrier = Carrier.Create(1, "UPS");

        var refusal = Should.Throw<DomainValidationException>(() => carrier.WithTrackingUrlTemplate(template));

        refusal.Errors.ShouldHaveSingleItem().Field.ShouldBe(nameof(Carrier.TrackingUrlTemplate));
        carrier.TrackingUrlTemplate.ShouldBeNull();
    }

    [Fact]
    public void WithTrackingUrlTemplate_WhenBlank_ThenTheCarrierHasNoTrackingUrl()
    {
        var carrier = Carrier.Create(1, "UPS").WithTrackingUrlTemplate("https://t.example/{tracking}").WithTrackingUrlTemplate("  ");

        carrier.TrackingUrl("1Z").ShouldBeNull();
    }
}
