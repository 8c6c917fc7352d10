using Microsoft.EntityFrameworkCore;
using Portal.Data.Conventions;
using Portal.Data.Tenancy;
using Portal.Domain;
using Portal.Domain.Customers;
using Portal.Domain.Organizations;
using Portal.Features.Common;

namespace Portal.Features.Customers;

/// <summary>Everything the customer dialog sets.</summary>
public sealed record CustomerInput
{
    public required string? Name { get; init; }
    public string? Contact { get; init; }
    public string? Phone { get; init; }
    public string? Email { get; init; }
    public string? Company { get; init; }
    public Address BillingAddress { get; init; } = Address.Empty;
    public Address ShippingAddress { get; init; } = Address.Empty;
    public Address BusinessAddress { get; init; } = Address.Empty;
    public int PriceTier { get; init; } = 1;
    public int? PaymentTermId { get; init; }
    public int? TaxRuleId { get; init; }
    public int? SalesRepresentativeId { get; init; }
}

/// <summary>Creates and edits customers; Sales users and administrators may, read-only users may not.</summary>
public sealed class CustomerBook(UnitOfWork unitOfWork)
{
    public Task<OperationResult<int>> SaveAsync(
        ITenantContext tenant, int? customerId, CustomerInput input, CancellationToken ct = default,
        SubmissionToken? submission = null, Guid? expectedVersion = null) =>
        unitOfWork.RunOnceAsync(tenant, submission, "Customers.Save", Permissions.Sales, "customers", async (db, organizationId, token) =>
        {
            Customer customer;
            if (customerId is { } id)
            {
                customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == id, token)
                    ?? throw new DomainException($"Customer {id} does not exist.");
                RowVersions.SaveUnder(db, customer, expectedVersion, "customer");
            }
            else
            {
                customer = Customer.Create(organizationId, input.Name);
                db.Customers.Add(customer);
            }

            // Collect every field's complaint at once, so the dialog can mark all of them.
            var errors = new List<ValidationError>();
            Collect(errors, () => customer.Rename(input.Name));
            Collect(errors, () => customer.ChangeEmail(input.Email));
            Collect(errors, () => customer.ChangePriceTier(input.PriceTier), nameof(Customer.PriceTier));
            await CheckReferenceAsync(errors, () => db.PaymentTerms.AnyAsync(t => t.Id == input.PaymentTermId, token), input.PaymentTermId, nameof(Customer.PaymentTermId), "payment term");
            await CheckReferenceAsync(errors, () => db.TaxRules.AnyAsync(t => t.Id == input.TaxRuleId, token), input.TaxRuleId, nameof(Customer.TaxRuleId), "tax rule");
            await CheckReferenceAsync(errors, () => db.SalesRepresentatives.AnyAsync(r => r.Id == input.SalesRepresentativeId, token), input.SalesRepresentativeId, nameof(Customer.SalesRepresentativeId), "sales representative");
            DomainValidationException.ThrowIfAny(errors);

            customer.Contact = Trimmed(input.Contact);
            customer.Phone = Trimmed(input.Phone);
            customer.Company = Trimmed(input.Company);
            customer.BillingAddress = input.BillingAddress;
            customer.ShippingAddress = input.ShippingAddress;
            customer.BusinessAddress = input.BusinessAddress;
            customer.PaymentTermId = input.PaymentTermId;
            customer.TaxRuleId = input.TaxRuleId;
            customer.SalesRepresentativeId = input.SalesRepresentativeId;
            await db.SaveChangesAsync(token);
            return customer.Id;
        }, ct);

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static void Collect(List<ValidationError> errors, Action change, string? field = null)
    {
        try
        {
            change();
        }
        catch (DomainValidationException ex)
        {
            errors.AddRange(ex.Errors);
        }
        catch (DomainException ex) when (field is not null)
        {
            errors.Add(new ValidationError(field, ex.Message));
        }
    }

    // The query filter hides other organizations' rows, so "exists" also means "is ours".
    private static async Task CheckReferenceAsync(
        List<ValidationError> errors, Func<Task<bool>> exists, int? id, string field, string what)
    {
        if (id is not null && !await exists())
        {
            errors.Add(new ValidationError(field, $"The {what} does not exist."));
        }
    }
}
