using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain;
using Portal.Domain.Customers;
using Portal.Domain.Integrations;
using Portal.WooCommerce;

namespace Portal.Features.StoreCatalog;

public sealed record CustomerDownloadReport(int Created, int Updated, int Unchanged, IReadOnlyList<DownloadReportLine> Skipped)
{
    public static CustomerDownloadReport? FromJson(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<CustomerDownloadReport>(json);
}

/// <summary>
/// "Download → Customers": every store customer becomes or updates a portal customer with contact, billing, shipping
/// and business addresses (the business address is the billing one: WooCommerce has no other). A store customer is
/// the portal customer with the same e-mail, else the one of the same company (<see cref="StoreCustomerMatching"/>);
/// a second run changes nothing.
/// </summary>
public sealed class DownloadCustomers(IPortalDbContextFactory dbFactory, StoreClients clients) : ICatalogOperationHandler
{
    public CatalogOperationKind Kind => CatalogOperationKind.DownloadCustomers;

    public async Task<string> RunAsync(CatalogOperationRun run, CancellationToken ct)
    {
        var client = await clients.ForStoreAsync(run.OrganizationId, run.StoreId, ct)
                     ?? throw new DomainException("This store does not exist in your organization.");
        await run.ProgressAsync("Reading customers", 0, 0, ct);
        var storeCustomers = new List<WooCustomer>();
        await foreach (var customer in client.IterateCustomersAsync(ct: ct))
        {
            storeCustomers.Add(customer);
        }

        await using var db = dbFactory.CreateForOrganization(run.OrganizationId);
        var customers = await db.Customers.ToListAsync(ct);
        int created = 0, updated = 0, unchanged = 0;
        var skipped = new List<DownloadReportLine>();
        foreach (var store in storeCustomers)
        {
            var billing = store.Billing ?? new WooAddress();
            var contact = Join(store.FirstName, store.LastName) ?? Join(billing.FirstName, billing.LastName);
            var email = Clean(store.Email) ?? Clean(billing.Email);
            var company = Clean(billing.Company) ?? Clean(store.Shipping?.Company);
            var name = company ?? contact ?? email;
            var item = $"{name ?? store.Username ?? "?"} (WooCommerce customer {store.Id})";
            if (name is null)
            {
                skipped.Add(new DownloadReportLine("Skip", item, null, null, "no name, company or e-mail"));
                continue;
            }

            if (run.Operation.DryRun)
            {
                if (StoreCustomerMatching.Find(customers, email, company) is null)
                {
                    created++;
                }
                else
                {
                    updated++;
                }

                continue;
            }

            var customer = StoreCustomerMatching.Find(customers, email, company);
            var isNew = customer is null;
            try
            {
                if (customer is null)
                {
                    customer = Customer.Create(run.OrganizationId, Fit(name, 255));
                    db.Customers.Add(customer);
                    customers.Add(customer);
                }

                customer.Contact = Fit(contact, 255);
                customer.Company = Fit(company, 255);
                customer.Phone = Fit(Clean(billing.Phone), 50);
                customer.ChangeEmail(Fit(email, 256));
                customer.BillingAddress = Address(billing);
                customer.BusinessAddress = Address(billing);
                customer.ShippingAddress = Address(store.Shipping);
            }
            catch (DomainValidationException invalid)
            {
                if (isNew && customer is not null)
                {
                    db.Customers.Remove(customer);
                    customers.Remove(customer);
                }

                skipped.Add(new DownloadReportLine("Skip", item, null, null, invalid.Message));
                continue;
            }

            if (isNew)
            {
                created++;
            }
            else if (IsChanged(db, customer))
            {
                updated++;
            }
            else
            {
                unchanged++;
            }
        }

        await db.SaveChangesAsync(ct);
        await run.ProgressAsync("Done", storeCustomers.Count, storeCustomers.Count, ct);
        return JsonSerializer.Serialize(new CustomerDownloadReport(created, updated, unchanged, skipped));
    }

    private static bool IsChanged(PortalDbContext db, Customer customer)
    {
        var entry = db.Entry(customer);
        entry.DetectChanges();
        return entry.State == EntityState.Modified;
    }

    private static Address Address(WooAddress? address) => address is null
        ? Domain.Customers.Address.Empty
        : new Address
        {
            Line1 = Fit(Clean(address.Address1), 255),
            Line2 = Fit(Clean(address.Address2), 255),
            City = Fit(Clean(address.City), 100),
            State = Fit(Clean(address.State), 100),
            Postcode = Fit(Clean(address.Postcode), 20),
            Country = Fit(Clean(address.Country), 100),
        };

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? Join(string? first, string? last) => Clean($"{Clean(first)} {Clean(last)}");

    private static string? Fit(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
