using Portal.Domain.Customers;
using Portal.Domain.Integrations;
using Portal.Domain.Organizations;

namespace Portal.Domain.Orders;

public enum PendingOrderStatus
{
    /// <summary>Captured: stock allocated, waiting to become a sale.</summary>
    Ready = 1,
    /// <summary>Kept but not captured: a tax rate of the order is not mapped to a tax rule yet. Captured when the
    /// mapping is saved (polling would not return the order again once its watermark has passed).</summary>
    NeedsTaxMapping = 2,
}

public enum PendingOrderLineKind { Product = 1, Service = 2, Shipping = 3, Fee = 4 }

/// <summary>A WooCommerce order captured into the portal, not yet a sale. <see cref="OrderJson"/> is the order as read
/// from the store at capture: the source the sale is mapped from; the rows beside it are what the pages list.</summary>
public class PendingOrder : IOrganizationOwned, IStoreOwned
{
    private readonly List<PendingOrderLine> _lines = [];
    private readonly List<PendingOrderPayment> _payments = [];
    private readonly List<PendingOrderCoupon> _coupons = [];

    private PendingOrder()
    {
    }

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int StoreId { get; private set; }
    public long WooOrderId { get; private set; }
    public string OrderNumber { get; private set; } = "";
    public PendingOrderStatus Status { get; private set; }
    /// <summary>What stops the order from being captured or processed, naming it (e.g. the unmapped tax rate).</summary>
    public string? Problem { get; private set; }
    /// <summary>The store's status when the order was read (processing, on-hold…).</summary>
    public string WooStatus { get; private set; } = "";
    public string Currency { get; private set; } = "";
    public DateTime? OrderedAtUtc { get; private set; }
    public DateTime CapturedAtUtc { get; private set; }
    public long? WooCustomerId { get; private set; }
    public string? CustomerName { get; private set; }
    public string? Company { get; private set; }
    public string? Email { get; private set; }
    public string? Phone { get; private set; }
    public string? CustomerNote { get; private set; }
    public Address BillingAddress { get; private set; } = Address.Empty;
    public Address ShippingAddress { get; private set; } = Address.Empty;
    /// <summary>Where the stock is allocated: the store's location, else the organization's default.</summary>
    public int? LocationId { get; private set; }
    public decimal Total { get; private set; }
    public decimal TotalTax { get; private set; }
    public decimal ShippingTotal { get; private set; }
    public decimal DiscountTotal { get; private set; }
    public string? PaymentMethod { get; private set; }
    public string OrderJson { get; private set; } = "";
    public Guid Version { get; private set; }

    public IReadOnlyList<PendingOrderLine> Lines => _lines;
    public IReadOnlyList<PendingOrderPayment> Payments => _payments;
    public IReadOnlyList<PendingOrderCoupon> Coupons => _coupons;

    /// <summary>The product lines that take stock: product, quantity.</summary>
    public IEnumerable<(int ProductId, decimal Quantity)> StockNeeds => _lines
        .Where(l => l.Kind == PendingOrderLineKind.Product && l.TakesStock && l.ProductId is not null && l.Quantity > 0)
        .GroupBy(l => l.ProductId!.Value)
        .Select(g => (g.Key, g.Sum(l => l.Quantity)));

    public static PendingOrder Capture(int organizationId, int storeId, PendingOrderHeader header, IEnumerable<PendingOrderLine> lines,
        IEnumerable<PendingOrderCoupon> coupons, string orderJson, int? locationId, string? taxProblem, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (header.WooOrderId <= 0)
        {
            throw new DomainException("A pending order needs the store's order id.");
        }

        var order = new PendingOrder
        {
            OrganizationId = organizationId,
            StoreId = storeId,
            WooOrderId = header.WooOrderId,
            OrderNumber = Names.Optional(header.OrderNumber) ?? header.WooOrderId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            WooStatus = header.WooStatus ?? "",
            Currency = header.Currency ?? "",
            OrderedAtUtc = header.OrderedAtUtc,
            CapturedAtUtc = Amounts.Utc(now, nameof(now)),
            WooCustomerId = header.WooCustomerId is > 0 ? header.WooCustomerId : null,
            CustomerName = Names.Optional(header.CustomerName),
            Company = Names.Optional(header.Company),
            Email = Names.Optional(header.Email),
            Phone = Names.Optional(header.Phone),
            CustomerNote = Names.Optional(header.CustomerNote),
            BillingAddress = header.BillingAddress ?? Address.Empty,
            ShippingAddress = header.ShippingAddress ?? Address.Empty,
            Total = header.Total,
            TotalTax = header.TotalTax,
            ShippingTotal = header.ShippingTotal,
            DiscountTotal = header.DiscountTotal,
            PaymentMethod = Names.Optional(header.PaymentMethod),
            OrderJson = orderJson,
            LocationId = locationId,
            Version = Guid.NewGuid(),
        };
        order._lines.AddRange(lines);
        order._coupons.AddRange(coupons);
        order.SetTaxProblem(taxProblem);
        return order;
    }

    /// <summary>Re-checks the tax mapping: with no problem left the order is captured (the caller then allocates).
    /// Returns true when the order has just become <see cref="PendingOrderStatus.Ready"/>.</summary>
    public bool SetTaxProblem(string? problem)
    {
        var wasWaiting = Status == PendingOrderStatus.NeedsTaxMapping;
        Status = problem is null ? PendingOrderStatus.Ready : PendingOrderStatus.NeedsTaxMapping;
        Problem = problem;
        Version = Guid.NewGuid();
        return wasWaiting && problem is null;
    }

    /// <summary>Why the order could not become a sale (a setting missing, a product refused…), shown on the Pending tab
    /// until Process succeeds; the order stays captured, with its stock.</summary>
    public void NotProcessed(string why)
    {
        var text = Names.Optional(why) ?? "The order could not become a sale.";
        Problem = text.Length > 1000 ? text[..1000] : text;
        Version = Guid.NewGuid();
    }

    /// <summary>Records the store's payment once: a payment already recorded is not added again.</summary>
    public bool RecordPayment(PendingOrderPayment payment)
    {
        ArgumentNullException.ThrowIfNull(payment);
        if (_payments.Count > 0)
        {
            return false;
        }

        _payments.Add(payment);
        Version = Guid.NewGuid();
        return true;
    }
}

/// <summary>The header fields read from the store's order.</summary>
public sealed record PendingOrderHeader
{
    public long WooOrderId { get; init; }
    public string? OrderNumber { get; init; }
    public string? WooStatus { get; init; }
    public string? Currency { get; init; }
    public DateTime? OrderedAtUtc { get; init; }
    public long? WooCustomerId { get; init; }
    public string? CustomerName { get; init; }
    public string? Company { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? CustomerNote { get; init; }
    public Address? BillingAddress { get; init; }
    public Address? ShippingAddress { get; init; }
    public decimal Total { get; init; }
    public decimal TotalTax { get; init; }
    public decimal ShippingTotal { get; init; }
    public decimal DiscountTotal { get; init; }
    public string? PaymentMethod { get; init; }
}

/// <summary>One line of the order: a product (found by SKU), a service line (no product found), shipping or a fee,
/// with the store's tax amounts per rate.</summary>
public sealed record PendingOrderLine
{
    public PendingOrderLineKind Kind { get; init; }
    public long WooLineId { get; init; }
    public int? ProductId { get; init; }
    /// <summary>The product is a stock product: its quantity is allocated.</summary>
    public bool TakesStock { get; init; }
    public string? Sku { get; init; }
    public string Name { get; init; } = "";
    public decimal Quantity { get; init; }
    public decimal Price { get; init; }
    public decimal Subtotal { get; init; }
    public decimal Total { get; init; }
    public decimal TotalTax { get; init; }
    public string? TaxClass { get; init; }
    public List<PendingOrderLineTax> Taxes { get; init; } = [];
}

public sealed record PendingOrderLineTax(long RateId, decimal Amount);

public sealed record PendingOrderPayment(decimal Amount, DateTime PaidAtUtc, string? Method, string? MethodTitle, string? TransactionId);

public sealed record PendingOrderCoupon(string Code, decimal Discount, decimal DiscountTax);
