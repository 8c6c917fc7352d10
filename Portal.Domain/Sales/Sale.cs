using Portal.Domain.Catalog;
using Portal.Domain.Customers;
using Portal.Domain.Organizations;
using Portal.Domain.Reference;
using Portal.Domain.Stock;

namespace Portal.Domain.Sales;

public enum StageStatus
{
    NotStarted = 0,
    Draft = 1,
    Authorised = 2,
}

/// <summary>Where a sale stands, stored for filtering the sales grid.</summary>
public enum SaleStatus
{
    Draft = 1,
    Ordered = 2,
    Picked = 3,
    Packed = 4,
    Shipped = 5,
    Voided = 6,
}

/// <summary>
/// A sale with its order, invoice, pick, pack and ship stages, payments, credit notes and assemblies. Every step is
/// a method that refuses what the lifecycle does not allow (with a <see cref="DomainException"/> the user can read)
/// and sets a new <see cref="Version"/>, the optimistic-concurrency token. Steps that touch stock take a
/// <see cref="StockLedger"/> loaded with the balances and allocations of the sale's products (and their
/// components) at the sale's location; the data layer persists the ledger's effects with the sale.
/// </summary>
public partial class Sale : IOrganizationOwned
{
    private Sale()
    {
    }

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public Guid Version { get; private set; }
    public SaleStatus Status { get; private set; }
    public DateTime CreatedAt { get; private set; }

    public SaleSource Source { get; private set; }
    public int? StoreId { get; private set; }
    public string? StoreOrderNumber { get; private set; }
    public long? WooOrderId { get; private set; }
    /// <summary>The store's normalized address when the sale was made (see <see cref="SaleOrigin"/>).</summary>
    public string? StoreAddress { get; private set; }

    public int CustomerId { get; private set; }
    public string? Contact { get; private set; }
    public string? Phone { get; private set; }
    public string? Email { get; private set; }
    public string? Reference { get; private set; }
    public Address BillingAddress { get; private set; } = Address.Empty;
    public Address ShippingAddress { get; private set; } = Address.Empty;
    public string? ShipToCompany { get; private set; }
    public string? ShipToContact { get; private set; }
    public string? ShippingNotes { get; private set; }
    public string? Comments { get; private set; }
    public DateTime? RequiredBy { get; private set; }
    public int? CarrierId { get; private set; }
    public string? CarrierService { get; private set; }
    public int LocationId { get; private set; }
    public int PriceTier { get; private set; }
    public int? PaymentTermId { get; private set; }
    public int PaymentTermDays { get; private set; }
    public int? SalesRepresentativeId { get; private set; }
    public int? RevenueAccountId { get; private set; }
    public int? TaxRuleId { get; private set; }
    public DateTime SaleDate { get; private set; }

    public StageStatus OrderStatus { get; private set; }
    public List<SaleLine> Lines { get; private set; } = [];
    public List<SaleCharge> Charges { get; private set; } = [];

    /// <summary>Sum of lines and charges before tax (cents).</summary>
    public decimal NetTotal { get; private set; }

    public decimal TaxTotal { get; private set; }
    public decimal Total { get; private set; }

    public bool IsVoided { get; private set; }
    public DateTime? VoidedAt { get; private set; }
    public string? VoidReason { get; private set; }

    public static Sale Create(int organizationId, SaleHeader header, SaleOrigin origin, DateTime now)
    {
        var sale = new Sale
        {
            OrganizationId = organizationId,
            CreatedAt = Amounts.Utc(now, nameof(now)),
            Source = origin.Source,
            StoreId = origin.StoreId,
            StoreOrderNumber = origin.StoreOrderNumber,
            WooOrderId = origin.WooOrderId,
            StoreAddress = origin.StoreAddress,
            OrderStatus = StageStatus.Draft,
            InvoiceStatus = StageStatus.Draft,
        };
        sale.ApplyHeader(header, now);
        sale.InvoiceDate = sale.SaleDate.Date;
        sale.InvoiceDueDate = PaymentTerm.DueDate(sale.InvoiceDate, sale.PaymentTermDays);
        sale.Changed();
        return sale;
    }

    /// <summary>The header as it stands, to change a few fields with <c>with</c> and pass to <see cref="UpdateHeader"/>.</summary>
    public SaleHeader Header => new()
    {
        CustomerId = CustomerId, Contact = Contact, Phone = Phone, Email = Email, Reference = Reference,
        BillingAddress = BillingAddress, ShippingAddress = ShippingAddress, ShipToCompany = ShipToCompany, ShipToContact = ShipToContact,
        ShippingNotes = ShippingNotes, Comments = Comments, RequiredBy = RequiredBy, CarrierId = CarrierId, CarrierService = CarrierService,
        LocationId = LocationId, PriceTier = PriceTier, PaymentTermId = PaymentTermId, PaymentTermDays = PaymentTermDays,
        SalesRepresentativeId = SalesRepresentativeId, RevenueAccountId = RevenueAccountId, TaxRuleId = TaxRuleId, SaleDate = SaleDate,
    };

    /// <summary>Changes the header. The location is fixed once the order is authorised (stock is allocated there).</summary>
    public void UpdateHeader(SaleHeader header)
    {
        EnsureNotVoided();
        if (OrderStatus == StageStatus.Authorised && header.LocationId != LocationId)
        {
            throw new DomainException("The location cannot change once the order is authorised: stock is allocated there.");
        }

        ApplyHeader(header, SaleDate);
        if (InvoiceStatus != StageStatus.Authorised)
        {
            InvoiceDueDate = PaymentTerm.DueDate(InvoiceDate, PaymentTermDays);
        }

        Changed();
    }

    /// <summary>
    /// Adds an order line. With a stock product it is allocated when the order is authorised; a service product or
    /// no product at all (then a name is required) makes a service line.
    /// </summary>
    public SaleLine AddLine(
        Product? product, string? name, decimal quantity, decimal price, decimal discountPercent = 0m,
        TaxRule? taxRule = null, decimal? givenTax = null)
    {
        EnsureOrderEditable();
        var lineName = Names.Optional(name) ?? product?.Name
            ?? throw new DomainValidationException([new ValidationError("Name", "A line without a product needs a name.")]);
        if (product is not null && product.OrganizationId != OrganizationId)
        {
            throw new InvalidOperationException("The product belongs to another organization.");
        }

        Amounts.PositiveQuantity(quantity, lineName);
        product?.CheckQuantity(quantity);
        Amounts.Scaled(price, $"the price of {lineName}");
        if (discountPercent is < 0 or > 100 || !Amounts.FitsStoredScale(discountPercent))
        {
            throw new DomainValidationException(
                [new ValidationError("Discount", "The discount is a percentage from 0 to 100.")]);
        }

        var total = Amounts.RoundMoney(quantity * price * (100m - discountPercent) / 100m);
        var line = new SaleLine(
            OrganizationId, product?.Id, product?.Sku, lineName, product?.Type == ProductType.Stock, quantity, price,
            discountPercent, LineTax.For(total, taxRule, givenTax), total);
        Lines.Add(line);
        Recalculate();
        return line;
    }

    public void RemoveLine(SaleLine line)
    {
        EnsureOrderEditable();
        if (!Lines.Remove(line))
        {
            throw new InvalidOperationException("The line is not on this sale.");
        }

        Recalculate();
    }

    /// <summary>Removes an additional charge while the invoice is not authorised.</summary>
    public void RemoveCharge(SaleCharge charge)
    {
        EnsureNotVoided();
        if (InvoiceStatus == StageStatus.Authorised)
        {
            throw new DomainException("The invoice is authorised: charges can no longer change.");
        }

        if (!Charges.Remove(charge))
        {
            throw new InvalidOperationException("The charge is not on this sale.");
        }

        Recalculate();
    }

    /// <summary>Adds an additional charge; a negative amount is a discount on the whole sale.</summary>
    public SaleCharge AddCharge(string? description, decimal amount, TaxRule? taxRule = null, decimal? givenTax = null)
    {
        EnsureNotVoided();
        if (InvoiceStatus == StageStatus.Authorised)
        {
            throw new DomainException("The invoice is authorised: charges can no longer change.");
        }

        var text = Names.Required(description, "Description", "charge", 255);
        if (amount == 0 || Amounts.RoundMoney(amount) != amount)
        {
            throw new DomainValidationException(
                [new ValidationError("Amount", "A charge needs a non-zero amount with at most 2 decimals.")]);
        }

        var charge = new SaleCharge(OrganizationId, text, amount, LineTax.For(amount, taxRule, givenTax));
        Charges.Add(charge);
        Recalculate();
        return charge;
    }

    /// <summary>
    /// Authorises the order: allocates every stock line at the sale's location, even beyond what is available (the
    /// excess shows as a backorder).
    /// </summary>
    public void AuthoriseOrder(StockLedger ledger)
    {
        EnsureNotVoided();
        if (OrderStatus == StageStatus.Authorised)
        {
            throw new DomainException("The order is already authorised.");
        }

        if (Lines.Count == 0)
        {
            throw new DomainException("An order needs at least one line.");
        }

        Use(ledger);
        foreach (var (productId, quantity) in StockQuantities)
        {
            ledger.SetAllocation(AllocationSource.Sale, Id, productId, LocationId, quantity);
        }

        OrderStatus = StageStatus.Authorised;
        Changed();
    }

    /// <summary>The ordered quantity of each stock product.</summary>
    public IReadOnlyDictionary<int, decimal> StockQuantities =>
        Lines.Where(l => l.IsStock).GroupBy(l => l.ProductId!.Value).ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity));

    /// <summary>Per stock product, how much of what this sale has allocated is not covered by on hand.</summary>
    public IReadOnlyList<SaleBackorder> Backorders(StockLedger ledger)
    {
        Use(ledger);
        return StockQuantities.Keys
            .Select(p => new SaleBackorder(p, SkuOf(p), ledger.Backorder(AllocationSource.Sale, Id, p, LocationId)))
            .Where(b => b.Quantity > 0)
            .ToList();
    }

    /// <summary>
    /// Authorises the order and then does what the organization automates: assemblies, then pick/pack/ship.
    /// Returns why automation stopped short, or null when it did all it was asked to do.
    /// </summary>
    public string? PlaceOrder(
        StockLedger ledger, IReadOnlyDictionary<int, Product> products, AutoAssemblyMode assembly,
        AutoFulfilmentMode fulfilment)
    {
        AuthoriseOrder(ledger);
        PlanAssemblies(assembly, products, ledger);
        return ApplyAutoFulfilment(fulfilment, ledger);
    }

    internal string SkuOf(int productId) =>
        Lines.FirstOrDefault(l => l.ProductId == productId)?.Label ?? $"Product {productId}";

    private void ApplyHeader(SaleHeader header, DateTime defaultDate)
    {
        if (header.CustomerId <= 0 || header.LocationId <= 0)
        {
            throw new DomainValidationException(
                [new ValidationError(header.CustomerId <= 0 ? "Customer" : "Location", "A sale needs a customer and a location.")]);
        }

        if (header.PaymentTermDays < 0)
        {
            throw new DomainValidationException([new ValidationError("Terms", "Payment term days cannot be negative.")]);
        }

        CustomerId = header.CustomerId;
        Contact = Names.Optional(header.Contact);
        Phone = Names.Optional(header.Phone);
        Email = Names.Optional(header.Email);
        Reference = Names.Optional(header.Reference);
        BillingAddress = header.BillingAddress;
        ShippingAddress = header.ShippingAddress;
        ShipToCompany = Names.Optional(header.ShipToCompany);
        ShipToContact = Names.Optional(header.ShipToContact);
        ShippingNotes = Names.Optional(header.ShippingNotes);
        Comments = Names.Optional(header.Comments);
        RequiredBy = header.RequiredBy;
        CarrierId = header.CarrierId;
        CarrierService = Names.Optional(header.CarrierService);
        LocationId = header.LocationId;
        PriceTier = PriceTiers.Check(header.PriceTier);
        PaymentTermId = header.PaymentTermId;
        PaymentTermDays = header.PaymentTermDays;
        SalesRepresentativeId = header.SalesRepresentativeId;
        RevenueAccountId = header.RevenueAccountId;
        TaxRuleId = header.TaxRuleId;
        SaleDate = Amounts.Utc(header.SaleDate ?? defaultDate, nameof(header.SaleDate));
    }

    private void Recalculate()
    {
        var sum = Lines.Aggregate(TaxedAmount.Zero, (s, l) => s + l.Tax.Split(l.Total));
        sum = Charges.Aggregate(sum, (s, c) => s + c.Tax.Split(c.Amount));
        (NetTotal, TaxTotal, Total) = (sum.Net, sum.Tax, sum.Gross);
        Changed();
    }

    private void EnsureOrderEditable()
    {
        EnsureNotVoided();
        if (OrderStatus == StageStatus.Authorised)
        {
            throw new DomainException("The order is authorised: its lines can no longer change.");
        }
    }

    private void EnsureNotVoided()
    {
        if (IsVoided)
        {
            throw new DomainException("The sale is voided and can no longer change.");
        }
    }

    private void EnsureOrderAuthorised(string step)
    {
        if (OrderStatus != StageStatus.Authorised)
        {
            throw new DomainException($"Authorise the order before {step}.");
        }
    }

    private void Use(StockLedger ledger)
    {
        if (Id <= 0)
        {
            throw new InvalidOperationException("Save the sale before changing stock for it: allocations and movements refer to its id.");
        }

        if (ledger.OrganizationId != OrganizationId)
        {
            throw new InvalidOperationException("The stock ledger belongs to another organization.");
        }
    }

    private void Changed()
    {
        Status = IsVoided ? SaleStatus.Voided
            : ShipStatus == StageStatus.Authorised ? SaleStatus.Shipped
            : PackStatus == StageStatus.Authorised ? SaleStatus.Packed
            : PickStatus == StageStatus.Authorised ? SaleStatus.Picked
            : OrderStatus == StageStatus.Authorised ? SaleStatus.Ordered
            : SaleStatus.Draft;
        Version = Guid.NewGuid();
    }
}

public sealed record SaleBackorder(int ProductId, string Product, decimal Quantity);
