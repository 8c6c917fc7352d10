using Portal.Domain.Catalog;
using Portal.Domain.Reference;
using Portal.Domain.Sales;

namespace Portal.Domain.Tests.Sales;

/// <summary>A small catalog and a sale factory shared by the sale tests.</summary>
internal static class Sales
{
    public const int SaleId = 50;
    public const int Courier = 3;

    public static readonly Product Widget = Given.Product(101, "WIDGET");
    public static readonly Product Gadget = Given.Product(102, "GADGET");
    public static readonly Product Labour = Given.Product(201, "LABOUR", ProductType.Service);
    public static readonly Product Part = Given.Product(401, "PART");
    public static readonly Product Kit = Assembled();

    public static IReadOnlyDictionary<int, Product> Products =>
        new[] { Widget, Gadget, Labour, Part, Kit }.ToDictionary(p => p.Id);

    public static readonly Account Bank = Account.Create(Given.Org, "1000", "Bank", AccountType.Bank, true);
    public static readonly Account Revenue = Account.Create(Given.Org, "4000", "Sales", AccountType.Revenue, false);

    public static SaleHeader Header(int paymentTermDays = 30) => new()
    {
        CustomerId = 9,
        LocationId = Given.Warehouse,
        CarrierId = Courier,
        PaymentTermDays = paymentTermDays,
        Reference = "WEB-1001",
    };

    /// <summary>A saved (id given), draft sale with the given stock lines at price 10.</summary>
    public static Sale Draft(params (Product Product, decimal Quantity)[] lines)
    {
        var sale = Sale.Create(Given.Org, Header(), SaleOrigin.Manual, Given.Now);
        sale.Id = SaleId;
        foreach (var (product, quantity) in lines)
        {
            sale.AddLine(product, null, quantity, 10m);
        }

        return sale;
    }

    public static Sale Ordered(Domain.Stock.StockLedger ledger, params (Product Product, decimal Quantity)[] lines)
    {
        var sale = Draft(lines);
        sale.AuthoriseOrder(ledger);
        return sale;
    }

    public static Sale Invoiced(Domain.Stock.StockLedger ledger, params (Product Product, decimal Quantity)[] lines)
    {
        var sale = Ordered(ledger, lines);
        sale.AssignInvoiceNumber(1);
        sale.AuthoriseInvoice(Given.Now);
        return sale;
    }

    private static Product Assembled()
    {
        var kit = Given.Product(301, "KIT");
        kit.SetBillOfMaterials([(Part.Id, 2m), (Labour.Id, 1m)], new[] { Part, Labour }.ToDictionary(p => p.Id));
        return kit;
    }
}
