using Portal.Domain.Catalog;

namespace Portal.Domain.Tests.Catalog;

public class BillOfMaterialsTests
{
    private readonly Product _kit = Given.Product(1, "KIT");
    private readonly Product _box = Given.Product(2, "BOX");
    private readonly Product _bolt = Given.Product(3, "BOLT");
    private readonly Product _labour = Given.Product(4, "LABOUR", ProductType.Service);

    public BillOfMaterialsTests() => _labour.SoldInFractions = true; // hours

    private Dictionary<int, Product> Catalog => new[] { _kit, _box, _bolt, _labour }.ToDictionary(p => p.Id);

    [Fact]
    public void SetBillOfMaterials_WhenValid_ThenProductIsAssembled()
    {
        _kit.SetBillOfMaterials([(2, 1m), (3, 4m), (4, 0.5m)], Catalog);

        _kit.IsAssembled.ShouldBeTrue();
        _kit.BillOfMaterials.ShouldBe([new BomLine(2, 1m), new BomLine(3, 4m), new BomLine(4, 0.5m)]);
    }

    [Fact]
    public void SetBillOfMaterials_WhenProductIsItsOwnComponent_ThenRefused()
    {
        var error = Should.Throw<DomainException>(() => _kit.SetBillOfMaterials([(1, 1m)], Catalog));

        error.Message.ShouldContain("component of itself");
        _kit.IsAssembled.ShouldBeFalse();
    }

    [Fact]
    public void SetBillOfMaterials_WhenAComponentIsAssembledFromTheProduct_ThenRefusedAsACycle()
    {
        _box.SetBillOfMaterials([(3, 2m)], Catalog);
        _bolt.SetBillOfMaterials([(1, 1m)], Catalog);

        var error = Should.Throw<DomainException>(() => _kit.SetBillOfMaterials([(2, 1m)], Catalog));

        error.Message.ShouldContain("circle");
    }

    [Fact]
    public void SetBillOfMaterials_WhenComponentsShareASubComponent_ThenNotACycle()
    {
        _box.SetBillOfMaterials([(3, 2m)], Catalog);

        _kit.SetBillOfMaterials([(2, 1m), (3, 1m)], Catalog);

        _kit.BillOfMaterials.Count.ShouldBe(2);
    }

    [Fact]
    public void SetBillOfMaterials_WhenAComponentIsListedTwice_ThenRefused()
    {
        Should.Throw<DomainException>(() => _kit.SetBillOfMaterials([(2, 1m), (2, 1m)], Catalog));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void SetBillOfMaterials_WhenQuantityIsNotPositive_ThenRefused(decimal quantity)
    {
        Should.Throw<DomainException>(() => _kit.SetBillOfMaterials([(2, quantity)], Catalog));
    }

    [Fact]
    public void SetBillOfMaterials_WhenProductIsAService_ThenRefused()
    {
        Should.Throw<DomainException>(() => _labour.SetBillOfMaterials([(2, 1m)], Catalog));
    }

    [Fact]
    public void ChangeType_WhenAssembledProductBecomesAService_ThenRefused()
    {
        _kit.SetBillOfMaterials([(2, 1m)], Catalog);

        Should.Throw<DomainException>(() => _kit.ChangeType(ProductType.Service));
    }
}
