using Portal.Domain.Organizations;

namespace Portal.Domain.Sales;

public enum AssemblyStatus
{
    Draft = 1,
    Completed = 2,

    /// <summary>The sale was voided while the assembly was still Draft.</summary>
    Cancelled = 3,
}

/// <summary>
/// Builds an assembled product for a sale from its bill of materials. It completes only when every stock
/// component is available at the sale's location; until then it stays Draft with the reason, and so does the pick.
/// </summary>
public class SaleAssembly : IOrganizationOwned
{
    private SaleAssembly()
    {
    }

    internal SaleAssembly(int organizationId, int productId, string sku, decimal quantity, List<SaleAssemblyComponent> components)
    {
        OrganizationId = organizationId;
        ProductId = productId;
        Sku = sku;
        Quantity = quantity;
        Components = components;
        Status = AssemblyStatus.Draft;
    }

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int SaleId { get; private set; }
    public int ProductId { get; private set; }
    public string Sku { get; private set; } = "";
    public decimal Quantity { get; private set; }
    public AssemblyStatus Status { get; private set; }
    public string? DraftReason { get; private set; }
    public DateTime? CompletedAt { get; private set; }
    public List<SaleAssemblyComponent> Components { get; private set; } = [];

    internal void StayDraft(string reason) => DraftReason = reason;

    internal void Complete(DateTime now)
    {
        Status = AssemblyStatus.Completed;
        DraftReason = null;
        CompletedAt = now;
    }

    internal void Cancel() => Status = AssemblyStatus.Cancelled;
}

/// <summary>What one assembly consumes of one component (bill-of-materials quantity × assembled quantity).</summary>
public sealed record SaleAssemblyComponent(int ProductId, string Sku, bool IsStock, decimal Quantity)
{
    /// <summary>What assembling <paramref name="quantity"/> of the product takes of each component of its bill of materials.</summary>
    public static List<SaleAssemblyComponent> Of(
        Catalog.Product product, decimal quantity, IReadOnlyDictionary<int, Catalog.Product> products) =>
        product.BillOfMaterials.Select(line =>
        {
            if (!products.TryGetValue(line.ComponentProductId, out var component))
            {
                throw new ArgumentException($"Component product {line.ComponentProductId} was not loaded.", nameof(products));
            }

            // Stored quantities keep four decimals; round up so an assembly never consumes less than its BOM says.
            var needed = Math.Round(line.Quantity * quantity, Amounts.StoredDecimals, MidpointRounding.ToPositiveInfinity);
            return new SaleAssemblyComponent(component.Id, component.Sku, component.Type == Catalog.ProductType.Stock, needed);
        }).ToList();
}

/// <summary>Money given back on a sale, and the stock that came back with it.</summary>
public class CreditNote : IOrganizationOwned
{
    private CreditNote()
    {
    }

    internal CreditNote(int organizationId, DateTime creditDate, List<CreditNoteLine> lines, List<RestockLine> restockLines)
    {
        OrganizationId = organizationId;
        CreditDate = creditDate;
        Lines = lines;
        RestockLines = restockLines;
    }

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int SaleId { get; private set; }
    public DateTime CreditDate { get; private set; }
    public List<CreditNoteLine> Lines { get; private set; } = [];
    public List<RestockLine> RestockLines { get; private set; } = [];

    public decimal Total => Lines.Sum(l => l.Tax.Split(l.Amount).Gross);

    /// <summary>The money paid back to the customer for this credit note (a store refund's), from this account; null when none was.</summary>
    public int? RefundAccountId { get; private set; }

    public decimal RefundAmount { get; private set; }
    public DateTime? RefundedAt { get; private set; }
    public string? RefundReference { get; private set; }

    internal void RecordRefund(int accountId, decimal amount, DateTime refundedAt, string? reference)
    {
        RefundAccountId = accountId;
        RefundAmount = amount;
        RefundedAt = refundedAt;
        RefundReference = reference;
    }
}

/// <summary>Money paid out with a credit note: the account it left, how much, when, and the payment's reference.</summary>
public sealed record CreditNoteRefund(Reference.Account Account, decimal Amount, DateTime RefundedAt, string? Reference);

public sealed record CreditNoteLine(string Description, decimal Amount, LineTax Tax)
{
    // For the data layer: it cannot pass the tax (a value stored in the line's own columns) through the constructor.
    private CreditNoteLine()
        : this("", 0m, null!)
    {
    }
}

public sealed record RestockLine(int ProductId, string Sku, decimal Quantity);

/// <summary>A credited amount as entered; the tax is computed from the rule unless given.</summary>
public sealed record CreditNoteLineInput(string Description, decimal Amount, Reference.TaxRule? TaxRule = null, decimal? GivenTax = null);

public sealed record RestockInput(int ProductId, decimal Quantity);
