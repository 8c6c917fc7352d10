using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.Domain;
using Portal.Domain.Catalog;
using Portal.Domain.Integrations;
using Portal.Domain.Organizations;
using Portal.Features.Common;
using Portal.Features.Integrations;
using Portal.Features.Stock;
using Portal.WooCommerce;

namespace Portal.Features.StoreCatalog;

/// <summary>
/// The catalog page's actions on one product of one store: List on WooCommerce (a simple product, or the family's
/// variable product with its attributes and variations), Update, Unlink, Remove from WooCommerce, stock sync on/off
/// and the product-level buffer. Listing and updating send the mapped fields and the sync quantity — even when the
/// store's Update Stock Levels is off, as the guide says of updates from the catalog; brand is never sent; with
/// WooCommerce as master, categories and descriptions are not sent.
/// </summary>
public sealed class StoreCatalogListing(UnitOfWork unitOfWork, StoreClients clients,
    AvailabilityQuery availability, TimeProvider clock)
{
    private const string What = CatalogOperations.What;

    /// <summary>Lists the product (its whole family for a variant); what is already listed is updated.</summary>
    public Task<OperationResult<int>> ListAsync(ITenantContext tenant, int storeId, int productId, CancellationToken ct = default) =>
        unitOfWork.RunAsync(tenant, Permissions.IntegrationWooCommerce, What, async (db, organizationId, token) =>
        {
            var context = await LoadAsync(db, tenant, storeId, productId, token);
            var sent = await SendAsync(db, context, createMissing: true, token);
            await db.SaveChangesAsync(token);
            return sent;
        }, ct);

    /// <summary>Sends the mapped fields and the stock of a listed product (every listed variant of its family).</summary>
    public Task<OperationResult<int>> UpdateAsync(ITenantContext tenant, int storeId, int productId, CancellationToken ct = default) =>
        unitOfWork.RunAsync(tenant, Permissions.IntegrationWooCommerce, What, async (db, organizationId, token) =>
        {
            var context = await LoadAsync(db, tenant, storeId, productId, token);
            if (!context.Links.ContainsKey(productId))
            {
                throw new DomainException("This product is not listed in the store; list it first.");
            }

            var sent = await SendAsync(db, context, createMissing: false, token);
            await db.SaveChangesAsync(token);
            return sent;
        }, ct);

    /// <summary>Forgets the link; the store product stays as it is.</summary>
    public Task<OperationResult<bool>> UnlinkAsync(ITenantContext tenant, int storeId, int productId, CancellationToken ct = default) =>
        unitOfWork.RunAsync(tenant, Permissions.IntegrationWooCommerce, What, async (db, _, token) =>
        {
            var link = await LinkAsync(db, storeId, productId, token);
            db.StoreProductLinks.Remove(link);
            await db.SaveChangesAsync(token);
            return true;
        }, ct);

    /// <summary>Moves the store product to the trash (a variation, which has no trash, is deleted) and forgets the link.</summary>
    public Task<OperationResult<bool>> RemoveAsync(ITenantContext tenant, int storeId, int productId, CancellationToken ct = default) =>
        unitOfWork.RunAsync(tenant, Permissions.IntegrationWooCommerce, What, async (db, _, token) =>
        {
            var link = await LinkAsync(db, storeId, productId, token);
            var store = await db.Stores.AsNoTracking().SingleAsync(s => s.Id == storeId, token);
            var client = clients.For(store);
            try
            {
                if (link.WooVariationId == 0)
                {
                    await client.DeleteProductAsync(link.WooProductId, force: false, token);
                }
                else
                {
                    await client.DeleteVariationAsync(link.WooProductId, link.WooVariationId, force: true, token);
                }
            }
            catch (WooApiException gone) when (gone.StatusCode is 404 or 410)
            {
                // Already gone from the store: forgetting the link is all that is left to do.
            }

            db.StoreProductLinks.Remove(link);
            await db.SaveChangesAsync(token);
            return true;
        }, ct);

    public Task<OperationResult<bool>> SetStockSyncAsync(ITenantContext tenant, int storeId, int productId, bool on,
        CancellationToken ct = default) =>
        unitOfWork.RunAsync(tenant, Permissions.IntegrationWooCommerce, What, async (db, _, token) =>
        {
            var link = await LinkAsync(db, storeId, productId, token);
            link.StockSyncOff = !on;
            await db.SaveChangesAsync(token);
            return on;
        }, ct);

    /// <summary>Turns the product-level buffer on with a whole number of units, or off (null). It takes effect in the
    /// store when the product is next listed or updated.</summary>
    public Task<OperationResult<bool>> SetBufferAsync(ITenantContext tenant, int storeId, int productId, int? buffer,
        CancellationToken ct = default) =>
        unitOfWork.RunAsync(tenant, Permissions.IntegrationWooCommerce, What, async (db, _, token) =>
        {
            var store = await db.Stores.AsNoTracking().SingleOrDefaultAsync(s => s.Id == storeId, token)
                        ?? throw new DomainException("This store does not exist in your organization.");
            if (buffer is not null && !StoreSettings.FromJson(store.SettingsJson).Buffer.BufferApplies)
            {
                throw new DomainException("Turn on Update Stock Levels and Use Buffer Inventory in the store's settings first.");
            }

            var link = await LinkAsync(db, storeId, productId, token);
            link.SetProductBuffer(buffer);
            await db.SaveChangesAsync(token);
            return true;
        }, ct);

    private static async Task<StoreProductLink> LinkAsync(PortalDbContext db, int storeId, int productId, CancellationToken ct) =>
        await db.StoreProductLinks.SingleOrDefaultAsync(l => l.StoreId == storeId && l.ProductId == productId, ct)
        ?? throw new DomainException("This product is not listed in the store.");

    private sealed record ListingContext(
        ConnectedStore Store, StoreSettings Settings, WooClient Client, IReadOnlyList<Product> Products, ProductFamily? Family,
        Dictionary<int, StoreProductLink> Links, IReadOnlyDictionary<int, int> SyncQuantities);

    private async Task<ListingContext> LoadAsync(PortalDbContext db, ITenantContext tenant, int storeId, int productId, CancellationToken ct)
    {
        var store = await db.Stores.AsNoTracking().SingleOrDefaultAsync(s => s.Id == storeId, ct)
                    ?? throw new DomainException("This store does not exist in your organization.");
        var product = await db.Products.Include(p => p.Category).SingleOrDefaultAsync(p => p.Id == productId, ct)
                      ?? throw new DomainException("This product does not exist.");
        if (product.Type != ProductType.Stock)
        {
            throw new DomainException($"{product.Label} is a service: only stock products are listed in a store.");
        }

        ProductFamily? family = null;
        IReadOnlyList<Product> products = [product];
        if (product.FamilyId is { } familyId)
        {
            family = await db.ProductFamilies.Include(f => f.Variants).ThenInclude(v => v.Category).SingleAsync(f => f.Id == familyId, ct);
            products = family.Variants.Where(v => v.Type == ProductType.Stock).OrderBy(v => v.Id).ToList();
        }

        var ids = products.Select(p => p.Id).ToList();
        var links = await db.StoreProductLinks.Where(l => l.StoreId == storeId && l.ProductId != null && ids.Contains(l.ProductId!.Value))
            .ToDictionaryAsync(l => l.ProductId!.Value, ct);
        var settings = StoreSettings.FromJson(store.SettingsJson);
        var stock = await CatalogStock.ForAsync(availability, tenant, settings, ids, ct);
        var quantities = products.ToDictionary(p => p.Id, p => stock(p.Id, links.GetValueOrDefault(p.Id)?.ProductBuffer).SyncQuantity);
        return new ListingContext(store, settings, clients.For(store), products, family, links, quantities);
    }

    private async Task<int> SendAsync(PortalDbContext db, ListingContext context, bool createMissing, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var settings = context.Settings;
        var terms = new StoreTerms(context.Client);
        var first = context.Products[0];
        var categories = settings.WooCommerceIsMasterForCategoriesAndDescriptions ? null : await terms.CategoryAsync(first.Category?.Name, ct);
        var tags = await terms.TagsAsync(context.Products.SelectMany(p => p.Tags), ct);
        var sent = 0;

        if (context.Family is null)
        {
            var product = first;
            var quantity = context.SyncQuantities[product.Id];
            if (context.Links.TryGetValue(product.Id, out var link))
            {
                await context.Client.UpdateProductAsync(link.WooProductId, ListingFields.Simple(product, settings, quantity, categories, tags), ct);
            }
            else
            {
                var created = await context.Client.CreateProductAsync(ListingFields.NewSimple(product, settings, quantity, categories, tags), ct);
                link = AddLink(db, context, product, created.Id, 0, now);
            }

            link.RecordPush(quantity, now);
            return 1;
        }

        var family = context.Family;
        var parentId = context.Links.Values.Select(l => l.WooProductId).FirstOrDefault();
        var parentCreated = false;
        if (parentId == 0)
        {
            if (!createMissing)
            {
                throw new DomainException("This family is not listed in the store; list it first.");
            }

            var created = await context.Client.CreateProductAsync(
                ListingFields.NewParent(family, context.Products, settings, categories, tags), ct);
            parentId = created.Id;
            parentCreated = true;
        }
        else
        {
            await context.Client.UpdateProductAsync(parentId, ListingFields.Parent(family, context.Products, settings, categories, tags), ct);
        }

        var toCreate = createMissing ? context.Products.Where(p => !context.Links.ContainsKey(p.Id)).ToList() : [];
        var toUpdate = context.Products.Where(p => context.Links.ContainsKey(p.Id)).ToList();
        var answers = await context.Client.SendVariationsAsync(parentId, new WooBatch<WooVariation>
        {
            Create = toCreate.Select(p => ListingFields.Variation(p, settings, context.SyncQuantities[p.Id], family)).ToList(),
            Update = toUpdate.Select(p => ListingFields.Variation(p, settings, context.SyncQuantities[p.Id], family) with
            {
                Id = context.Links[p.Id].WooVariationId,
            }).ToList(),
        }, ct);

        // Each variation is taken as listed only when the store's answer confirms it; the links of those are kept
        // even when others were refused, so listing again updates them instead of creating them a second time.
        var refused = new List<string>();
        foreach (var (product, answer) in toCreate.Zip(answers.Created))
        {
            if (answer.Answer is { } created)
            {
                AddLink(db, context, product, parentId, created.Id, now).RecordPush(context.SyncQuantities[product.Id], now);
                sent++;
            }
            else
            {
                refused.Add(Refusal(product, answer.Error));
            }
        }

        foreach (var (product, answer) in toUpdate.Zip(answers.Updated))
        {
            if (answer.Answer is not null)
            {
                context.Links[product.Id].RecordPush(context.SyncQuantities[product.Id], now);
                sent++;
            }
            else
            {
                refused.Add(Refusal(product, answer.Error));
            }
        }

        if (refused.Count > 0)
        {
            if (parentCreated && sent == 0)
            {
                // Nothing links to the parent just made: left in the store it would be made again by the next try.
                await context.Client.DeleteProductAsync(parentId, force: true, ct);
            }

            await db.SaveChangesAsync(ct);
            throw new DomainException("The store refused part of the family: " + string.Join("; ", refused));
        }

        return sent;
    }

    private static string Refusal(Product product, WooBatchItemError? error) =>
        $"{product.Sku}: {error?.Message ?? error?.Code ?? "the store did not confirm it"}";

    private static StoreProductLink AddLink(PortalDbContext db, ListingContext context, Product product, long wooProductId,
        long wooVariationId, DateTime now)
    {
        var link = new StoreProductLink
        {
            OrganizationId = context.Store.OrganizationId,
            StoreId = context.Store.Id,
            WooProductId = wooProductId,
            WooVariationId = wooVariationId,
            Sku = product.Sku,
            ProductId = product.Id,
            LinkedAtUtc = now,
        };
        db.StoreProductLinks.Add(link);
        context.Links[product.Id] = link;
        return link;
    }
}
